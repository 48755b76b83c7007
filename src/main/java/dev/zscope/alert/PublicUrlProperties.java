package dev.zscope.alert;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code zscope.public-url}: the address people open Zscope at (e.g. {@code https://zscope.example.com}),
 * which links in notifications use. The server cannot know it behind a proxy; without it, links
 * point at {@code http://localhost:8080}.
 */
@ConfigurationProperties("zscope")
public record PublicUrlProperties(String publicUrl) {
}
