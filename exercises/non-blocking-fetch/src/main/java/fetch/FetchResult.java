package fetch;

import java.net.URI;
import java.util.Objects;

/**
 * What became of one order request: the server's answer (any HTTP status, also 500), or, when no answer came
 * at all (timeout, connection refused, connection reset), the reason. This file is given; do not change it.
 *
 * @param uri    the address that was fetched
 * @param status the HTTP status code of the answer, or 0 when there was none
 * @param body   the body of the answer, or null when there was none
 * @param error  why no answer came, or null when one did
 */
public record FetchResult(URI uri, int status, String body, String error) {

    public FetchResult {
        Objects.requireNonNull(uri, "uri");
        if (error == null) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("an HTTP status is between 100 and 599, was " + status);
            }
            Objects.requireNonNull(body, "body of an answer (use \"\" for an empty one)");
        } else {
            if (error.isBlank()) {
                throw new IllegalArgumentException("a failure needs a reason, such as the exception's toString()");
            }
            if (status != 0 || body != null) {
                throw new IllegalArgumentException("a failure has no status (0) and no body (null)");
            }
        }
    }

    /** The server answered, with any status code: 200, 404 and 500 are all answers. */
    public static FetchResult success(URI uri, int status, String body) {
        return new FetchResult(uri, status, body, null);
    }

    /** No answer came: the request timed out, the connection was refused or broke, and so on. */
    public static FetchResult failure(URI uri, String error) {
        return new FetchResult(uri, 0, null, error);
    }

    /** Whether the server answered at all (look at {@link #status()} for what it said). */
    public boolean ok() {
        return error == null;
    }
}
