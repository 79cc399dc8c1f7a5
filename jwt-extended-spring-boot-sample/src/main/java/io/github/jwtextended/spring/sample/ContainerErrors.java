package io.github.jwtextended.spring.sample;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own refusals as {@code {"msg": "<reason phrase>"}} JSON, as the example server (Jetty)
 * answers them: requests Tomcat refuses before any application code runs (a request line or
 * header it cannot parse 400, an unknown transfer coding 501, another HTTP version 505, header
 * fields over the limit 400) would otherwise get Tomcat's HTML error page. Only the standard
 * reason phrase is written, never Tomcat's message, the request, an exception or the server's
 * name and version. Errors inside the application still go to {@link ErrorAnswers}.
 *
 * <p>Thread safety: the valve is stateless.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerErrors {
    /**
     * Puts {@link JsonErrorReportValve} on the host in place of Tomcat's HTML one. Spring Boot adds
     * an HTML {@link ErrorReportValve} of its own (without details) through another customizer, in
     * an order not ours to choose: so the swap is made when the host starts, after every customizer.
     */
    @Bean
    TomcatContextCustomizer jsonErrorReports() {
        return context -> {
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                // The host adds a valve of this class when it starts, unless one is there already.
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                host.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        useJsonErrorReports(host);
                    }
                });
            }
        };
    }

    /** Removes every other error report valve from the host's pipeline and adds the JSON one once. */
    static void useJsonErrorReports(StandardHost host) {
        boolean present = false;
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof JsonErrorReportValve) {
                present = true;
            } else if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (!present) {
            host.getPipeline().addValve(new JsonErrorReportValve());
        }
    }

    /** Tomcat's error report valve with a JSON body instead of an HTML page. */
    public static final class JsonErrorReportValve extends ErrorReportValve {
        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // As Tomcat's own: not for 1xx-3xx, nor once something is written or the error was reported.
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String body = "{\"msg\":\"" + (known == null ? "Error" : known.getReasonPhrase()) + "\"}";
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding("utf-8");
                PrintWriter writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response is committed: nothing more to send
            }
        }
    }
}
