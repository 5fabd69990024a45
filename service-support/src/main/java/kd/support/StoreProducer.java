package kd.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import kd.common.store.ObjectStore;
import kd.common.store.StoreConfig;

/** Makes the one {@link ObjectStore} of a service, and closes it at shutdown. */
@ApplicationScoped
public class StoreProducer {

    @Produces
    @ApplicationScoped
    ObjectStore store(StoreSettings settings) {
        return new ObjectStore(
                new StoreConfig(
                        settings.endpoint(),
                        settings.accessKey(),
                        settings.secretKey(),
                        settings.bucket()));
    }

    void close(@Disposes ObjectStore store) {
        store.close();
    }
}
