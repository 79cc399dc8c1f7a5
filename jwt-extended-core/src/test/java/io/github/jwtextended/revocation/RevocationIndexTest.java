package io.github.jwtextended.revocation;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationIndexTest {
    private static final long NOW = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

    private static RevocationCheck token(String jti, String identity, long issuedAtMillis, String family) {
        return RevocationCheck.of(jti, identity, Instant.ofEpochMilli(issuedAtMillis), Instant.ofEpochMilli(NOW + 3_600_000), family);
    }

    @Test
    void eachKindIsRevokedUntilItsInstantAndNotAtIt() {
        RevocationIndex index = new RevocationIndex();
        index.revoke("j1", NOW + 1000);
        index.revokeFamily("f1", NOW + 1000);
        index.revokeAllIssuedBefore("ann", NOW - 5000, NOW + 1000);
        assertThat(index.isRevoked(token("j1", "bob", NOW, null), NOW + 999)).isTrue();
        assertThat(index.isRevoked(token("j1", "bob", NOW, null), NOW + 1000)).isFalse();
        assertThat(index.isRevoked(token("j2", "bob", NOW, "f1"), NOW + 999)).isTrue();
        assertThat(index.isRevoked(token("j2", "bob", NOW, "f2"), NOW + 999)).isFalse();
        assertThat(index.isRevoked(token("j3", "ann", NOW - 5000, null), NOW)).as("issued at the cut-off").isTrue();
        assertThat(index.isRevoked(token("j3", "ann", NOW - 4000, null), NOW)).as("issued a second after it").isFalse();
        assertThat(index.isRevoked(token("j3", "ann", NOW - 5000, null), NOW + 1000)).as("record expired").isFalse();
    }

    @Test
    void anOlderOrShorterRecordNeverWeakensANewerOne() {
        RevocationIndex index = new RevocationIndex();
        index.revoke("j", NOW + 5000);
        index.revoke("j", NOW + 1000);
        index.revokeAllIssuedBefore("ann", NOW, NOW + 5000);
        index.revokeAllIssuedBefore("ann", NOW - 60_000, NOW + 1000);
        assertThat(index.isRevoked(token("j", null, NOW, null), NOW + 4000)).isTrue();
        assertThat(index.isRevoked(token("x", "ann", NOW - 1000, null), NOW + 4000)).isTrue();
    }

    @Test
    void sweepDropsOnlyExpiredRecords() {
        RevocationIndex index = new RevocationIndex();
        index.revoke("old", NOW);
        index.revoke("live", NOW + 1);
        index.revoke("ever", RevocationIndex.FOREVER);
        index.revokeFamily("f", NOW - 1);
        index.revokeAllIssuedBefore("ann", NOW - 10, NOW);
        assertThat(index.size()).isEqualTo(5);
        index.sweep(NOW);
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.toString()).isEqualTo("2 revoked ids, 0 identities, 0 families");
    }
}
