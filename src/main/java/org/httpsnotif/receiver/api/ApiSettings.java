package org.httpsnotif.receiver.api;

import org.httpsnotif.receiver.auth.ReaderAuth;
import org.httpsnotif.receiver.config.Database;
import org.httpsnotif.receiver.config.Tls;
import org.httpsnotif.receiver.http.ServerLimits;

/** What the api listener needs to know. */
public record ApiSettings(
    Tls tls, String host, int port, Database database, int pageLimit, ServerLimits limits, ReaderAuth auth) {

  public static final int DEFAULT_PAGE = 100;
}
