package io.github.jwtextended.redis;

/**
 * A Redis deployment of a contract test's own (Sentinel, Cluster): its URL, and how to get a store
 * that connected to it and then lost it. Its keys go with it, so nothing is deleted between tests.
 *
 * <p>Thread safety: as the deployment it stands for (one test drives it).
 */
interface ContractDeployment {
    String url();

    /** A store of {@code test} that connected, then lost its Redis; what it opens goes to the test's list. */
    RedisRevocationStore cutOff(RedisStrictContractTest test);
}
