package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.RawFramingContract;

import java.util.Map;

/** Hostile HTTP/1.1 framing over raw sockets against the example server (Jetty). */
class RawFramingTest extends RawFramingContract {
    @Override
    protected FlowContract.RunningServer start(Map<String, String> env) {
        return TestServers.running(env);
    }
}
