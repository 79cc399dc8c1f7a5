package io.github.jwtextended.servlet;

import io.github.jwtextended.conformance.ConformanceServer;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real embedded Tomcat 11 on 127.0.0.1 and a free port, with its default connector settings, one
 * filter and one servlet, both mapped to {@code /*} in the root context.
 *
 * <p>Thread safety: the server is thread safe.
 */
final class TomcatServer implements ConformanceServer {
    private final Tomcat tomcat;
    private final Connector connector;
    private final Path baseDir;

    private TomcatServer(Tomcat tomcat, Connector connector, Path baseDir) {
        this.tomcat = tomcat;
        this.connector = connector;
        this.baseDir = baseDir;
    }

    static TomcatServer start(Filter filter, HttpServlet servlet) {
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("servlet-tomcat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        FilterDef def = new FilterDef();
        def.setFilterName("jwt");
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("jwt");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "app", servlet);
        context.addServletMappingDecoded("/*", "app");
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not start", e);
        }
        return new TomcatServer(tomcat, connector, baseDir);
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // stopping a test server: nothing left to do
        }
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
