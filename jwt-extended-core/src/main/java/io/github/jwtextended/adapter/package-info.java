/**
 * What every web-framework adapter (Javalin, servlet, Spring) does alike, written once: the
 * answer to a failure as status, headers and JSON bytes. An adapter only copies it onto its
 * framework's response; the request side is {@link io.github.jwtextended.extract.JwtRequest}.
 */
package io.github.jwtextended.adapter;
