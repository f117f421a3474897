package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReceiverTest {

  @Test
  void theApiListenerLeavesLoopbackOnlyWhenReadersAuthenticate() {
    assertEquals("127.0.0.1", Receiver.apiHost("0.0.0.0", false));
    assertEquals("127.0.0.1", Receiver.apiHost("192.0.2.7", false));
    assertEquals("::1", Receiver.apiHost("::1", false));
    assertEquals("localhost", Receiver.apiHost("localhost", false));
    assertEquals("0.0.0.0", Receiver.apiHost("0.0.0.0", true));
  }
}
