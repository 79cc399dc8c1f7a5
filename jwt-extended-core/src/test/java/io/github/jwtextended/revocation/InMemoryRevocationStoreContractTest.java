package io.github.jwtextended.revocation;

/** The shared contract on {@link InMemoryRevocationStore} (local: no second instance, no outage). */
class InMemoryRevocationStoreContractTest extends SessionRecordsContract {
    @Override
    protected RevocationStore newStore() {
        return new InMemoryRevocationStore(clock);
    }
}
