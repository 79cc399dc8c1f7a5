package io.github.jwtextended.servlet;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.conformance.ConformanceServer;
import io.github.jwtextended.conformance.ConformanceSuite;

/** The core's conformance kit against the servlet filter on a real Tomcat 11, with its default settings. */
class TomcatConformanceTest extends ConformanceSuite {
    @Override
    protected ConformanceServer start(JwtManager manager) {
        return TomcatServer.start(ConformanceServlet.filter(manager), new ConformanceServlet());
    }
}
