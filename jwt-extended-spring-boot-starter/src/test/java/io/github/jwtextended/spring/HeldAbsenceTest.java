package io.github.jwtextended.spring;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.event.JwtListener;
import io.github.jwtextended.event.TokenType;
import io.github.jwtextended.event.VerificationOutcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A held {@code absent} is reported once the hold closes, unless a later verification of the request superseded it. */
class HeldAbsenceTest {
    private final List<String> reported = new ArrayList<>();
    private final JwtListener listener = HeldAbsence.listener(List.of(new JwtListener() {
        @Override
        public void verification(VerificationOutcome outcome, TokenType type, TokenLocation location) {
            reported.add(outcome.tag() + "/" + type.tag() + "@" + (location == null ? "none" : location.wireName()));
        }
    }, new JwtListener() {
        @Override
        public void verification(VerificationOutcome outcome, TokenType type, TokenLocation location) {
            throw new IllegalStateException("a failing listener changes nothing for the others");
        }
    }));

    @Test
    void withoutAHoldEveryReportPassesAtOnce() {
        listener.verification(VerificationOutcome.ABSENT, TokenType.ACCESS, null);
        listener.verification(VerificationOutcome.SUCCESS, TokenType.REFRESH, TokenLocation.COOKIES);
        assertThat(reported).containsExactly("absent/access@none", "success/refresh@cookies");
    }

    @Test
    void anAbsenceNothingSupersedesIsReportedWhenTheHoldCloses() {
        try (HeldAbsence hold = HeldAbsence.hold()) {
            listener.verification(VerificationOutcome.ABSENT, TokenType.ACCESS, null);
            hold.release();
            assertThat(reported).isEmpty();
        }
        assertThat(reported).containsExactly("absent/access@none");
    }

    @Test
    void aLaterVerificationOfTheRequestSupersedesTheAbsence() {
        try (HeldAbsence hold = HeldAbsence.hold()) {
            listener.verification(VerificationOutcome.ABSENT, TokenType.ACCESS, null);
            hold.release();
            listener.verification(VerificationOutcome.MISSING, TokenType.ACCESS, null);
        }
        assertThat(reported).containsExactly("missing/access@none");
        listener.verification(VerificationOutcome.ABSENT, TokenType.ACCESS, null);
        assertThat(reported).as("the hold is gone with its request").containsExactly("missing/access@none", "absent/access@none");
    }

    @Test
    void aHoldInsideAnotherLeavesTheOuterOneInPlace() {
        try (HeldAbsence outer = HeldAbsence.hold()) {
            try (HeldAbsence inner = HeldAbsence.hold()) {
                listener.verification(VerificationOutcome.ABSENT, TokenType.REFRESH, null);
                inner.release();
            }
            assertThat(reported).containsExactly("absent/refresh@none");
            listener.verification(VerificationOutcome.ABSENT, TokenType.ACCESS, null);
            outer.release();
            assertThat(reported).as("held by the outer hold").hasSize(1);
        }
        assertThat(reported).containsExactly("absent/refresh@none", "absent/access@none");
    }

    @Test
    void onlyAnAbsenceIsHeld() {
        try (HeldAbsence hold = HeldAbsence.hold()) {
            listener.verification(VerificationOutcome.INVALID_SIGNATURE, TokenType.ACCESS, TokenLocation.HEADERS);
            hold.release();
        }
        assertThat(reported).containsExactly("invalid_signature/access@headers");
    }
}
