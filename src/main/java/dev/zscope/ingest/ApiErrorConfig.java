package dev.zscope.ingest;

import jakarta.servlet.DispatcherType;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Makes every refusal of an {@code /api} request a problem body, at the two places where neither
 * the controller nor the security chain answers: {@link ApiErrorFilter} in front of Spring Security,
 * and {@link ApiErrorReportValve} in Tomcat for what Tomcat refuses before any filter runs.
 */
@Configuration(proxyBeanMethods = false)
class ApiErrorConfig {

    /** Before Spring Security's filter (order -100), so that the firewall's rejections reach it. */
    static final int FILTER_ORDER = -110;

    @Bean
    FilterRegistrationBean<ApiErrorFilter> apiErrorFilter(ObjectProvider<HttpFirewall> firewall) {
        FilterRegistrationBean<ApiErrorFilter> registration = new FilterRegistrationBean<>(
                new ApiErrorFilter(firewall.getIfUnique(StrictHttpFirewall::new)));
        registration.setName("apiErrorFilter");
        registration.setOrder(FILTER_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        // All paths: the filter decides on the path as sent, since "/api/../x" is mapped as "/x".
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Replaces the host's error report valve (Spring Boot adds a plain one) with the API's. An
     * unordered customizer runs after Spring Boot's {@code TomcatWebServerFactoryCustomizer} (order
     * 0), so its context customizer runs after the one that adds Spring Boot's valve.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> apiErrorReportValve() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    Host host = (Host) context.getParent();
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    ApiErrorReportValve valve = new ApiErrorReportValve();
                    valve.setContextPath(context.getPath());
                    host.getPipeline().addValve(valve);
                    // The host adds a valve of this class when it starts unless one is there already.
                    if (host instanceof StandardHost standard) {
                        standard.setErrorReportValveClass(ApiErrorReportValve.class.getName());
                    }
                });
            }
        };
    }
}
