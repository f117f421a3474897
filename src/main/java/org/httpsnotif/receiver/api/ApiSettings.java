package org.httpsnotif.receiver.api;

import org.httpsnotif.receiver.config.Database;
import org.httpsnotif.receiver.config.Tls;

/** What the api listener needs to know. */
public record ApiSettings(Tls tls, String host, int port, Database database, int pageLimit) {

  public static final int DEFAULT_PAGE = 100;
}
