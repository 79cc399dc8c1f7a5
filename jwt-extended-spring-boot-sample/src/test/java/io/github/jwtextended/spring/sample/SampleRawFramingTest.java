package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.RawFramingContract;

import java.util.Map;

/** Hostile HTTP/1.1 framing over raw sockets against the Spring Boot sample (Tomcat). */
class SampleRawFramingTest extends RawFramingContract {
    @Override
    protected FlowContract.RunningServer start(Map<String, String> env) {
        return SampleServers.running(env);
    }
}
