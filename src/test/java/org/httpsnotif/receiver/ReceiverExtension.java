package org.httpsnotif.receiver;

import java.util.function.Consumer;
import org.httpsnotif.receiver.config.Options;
import org.httpsnotif.receiver.store.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A receiver on its own fresh database for one test class: register it as a static field. */
public final class ReceiverExtension implements BeforeAllCallback, AfterAllCallback {

  private final Consumer<Options> customiser;
  private TestDatabase db;
  private TestReceiver receiver;

  public ReceiverExtension(Consumer<Options> customiser) {
    this.customiser = customiser;
  }

  public ReceiverExtension() {
    this(options -> {});
  }

  public TestReceiver receiver() {
    return receiver;
  }

  public TestDatabase db() {
    return db;
  }

  /** Notifications stored so far. */
  public long rows() {
    return db.count("SELECT count(*) FROM notification");
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    db = TestDatabase.create();
    receiver = TestReceiver.start(db.database(), customiser);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (receiver != null) {
      receiver.close();
    }
    if (db != null) {
      db.close();
    }
  }
}
