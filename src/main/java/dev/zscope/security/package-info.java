/**
 * Sign-in and roles. Views use {@link dev.zscope.security.CurrentUser} and the
 * {@link dev.zscope.security.Roles} constants; everything else here is wiring.
 */
package dev.zscope.security;
