package org.httpsnotif.receiver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class NativeTest {

  @Test
  void keepsUnsafeOnJava25AndLater() {
    Properties system = new Properties();
    Native.keepUnsafe(system, 25);
    assertEquals("false", system.getProperty("io.netty.noUnsafe"));
  }

  @Test
  void leavesOlderJavaAlone() {
    Properties system = new Properties();
    Native.keepUnsafe(system, 21);
    assertNull(system.getProperty("io.netty.noUnsafe"));
  }

  @Test
  void leavesTheOperatorsChoice() {
    Properties explicit = new Properties();
    explicit.setProperty("io.netty.noUnsafe", "true");
    Native.keepUnsafe(explicit, 25);
    assertEquals("true", explicit.getProperty("io.netty.noUnsafe"));

    Properties denied = new Properties();
    denied.setProperty("sun.misc.unsafe.memory.access", "deny");
    Native.keepUnsafe(denied, 26);
    assertNull(denied.getProperty("io.netty.noUnsafe"));
  }
}
