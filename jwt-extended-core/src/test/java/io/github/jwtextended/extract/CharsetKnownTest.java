package io.github.jwtextended.extract;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JwtRequest#charsetKnown} and {@link JwtRequest#decodableForm}: which bodies an adapter may hand to its container to decode. */
class CharsetKnownTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL | true",
        "application/x-www-form-urlencoded | true",
        "application/x-www-form-urlencoded; charset=UTF-8 | true",
        "application/x-www-form-urlencoded;CHARSET=iso-8859-1 | true",
        "application/x-www-form-urlencoded; charset=\"utf-8\" | true",
        "multipart/form-data; boundary=x; charset=utf-8 | true",
        "application/x-www-form-urlencoded; charset=utf-7 | false",
        "application/x-www-form-urlencoded; charset=x-no-such-charset | false",
        "application/x-www-form-urlencoded; charset=\"no such\" | false",
        "application/x-www-form-urlencoded; charset= | false",
        "application/x-www-form-urlencoded; charset=\u00e9 | false",
    })
    void aNamedCharsetMustBeOneTheJvmKnows(String contentType, boolean known) {
        assertThat(JwtRequest.charsetKnown(contentType)).isEqualTo(known);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL | false",
        "application/json | false",
        "text/plain; charset=utf-8 | false",
        "application/x-www-form-urlencoded | true",
        "  Application/X-WWW-Form-Urlencoded ; charset=UTF-8 | true",
        "multipart/form-data; boundary=x | true",
        "application/x-www-form-urlencoded; charset=utf-7 | false",
        "multipart/form-data; boundary=x; charset=x-unknown | false",
    })
    void onlyFormsUnderAKnownCharsetAreDecoded(String contentType, boolean decodable) {
        assertThat(JwtRequest.decodableForm(contentType)).isEqualTo(decodable);
    }
}
