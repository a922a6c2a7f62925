package fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The order service of the hidden tests: an HTTP server on the loopback interface of the grading JVM (the
 * sandbox's own network namespace) whose every answer the test controls. Its handlers run on virtual threads,
 * so holding many requests at once costs no platform thread.
 */
final class Kitchen implements AutoCloseable {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** When a handler may answer; it waits on a virtual thread of the kitchen until then. */
    @FunctionalInterface
    interface Wait {
        void until() throws InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile long lastArrival = System.nanoTime();
    private final List<String> arrivals = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Boolean> paths = new ConcurrentHashMap<>();
    private final List<AutoCloseable> extras = new CopyOnWriteArrayList<>();

    private Kitchen(HttpServer server) {
        this.server = server;
    }

    static Kitchen open() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 256);
        Kitchen kitchen = new Kitchen(server);
        server.setExecutor(kitchen.handlers);
        server.start();
        return kitchen;
    }

    /** Answers 200 with the order's name at once. */
    URI ready(String order) {
        return answersWhen(order, 200, () -> { });
    }

    /** Answers 200 with the order's name once {@code gate} opens. */
    URI held(String order, CountDownLatch gate) {
        return answersWhen(order, 200, () -> awaitOrClosed(gate));
    }

    /** Never answers (until the test ends). */
    URI stuck(String order) {
        return answersWhen(order, 200, () -> awaitOrClosed(new CountDownLatch(1)));
    }

    /** Answers 500 at once: an answer all the same. */
    URI failing(String order) {
        return answersWhen(order, 500, () -> { });
    }

    /** Answers {@code status} with the order's name after {@code wait} returns. */
    URI answersWhen(String order, int status, Wait wait) {
        String path = "/orders/" + order;
        if (paths.putIfAbsent(path, Boolean.TRUE) == null) {
            server.createContext(path, exchange -> handle(exchange, order, status, wait));
        }
        return URI.create("http://" + LOOPBACK.getHostAddress() + ":" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange exchange, String order, int status, Wait wait) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            lastArrival = System.nanoTime();
            arrived.incrementAndGet();
            arrivals.add(order);
            try {
                wait.until();
            } catch (InterruptedException e) {
                return;
            }
            if (closed.getCount() == 0) {
                return;
            }
            byte[] body = body(order, status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            answered.incrementAndGet();
        }
    }

    /** The expected body of the answer to {@code order}. */
    static String body(String order, int status) {
        return status == 200 ? "order " + order : "the kettle boiled over while making " + order;
    }

    /** An address on the loopback interface where nothing listens: connecting to it is refused. */
    URI refused(String order) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        return URI.create("http://" + LOOPBACK.getHostAddress() + ":" + port + "/orders/" + order);
    }

    /** An address whose server reads the request, starts an answer, and resets the connection halfway. */
    URI reset(String order) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, LOOPBACK);
        extras.add(socket);
        handlers.submit(() -> {
            while (!socket.isClosed()) {
                Socket connection;
                try {
                    connection = socket.accept();
                } catch (IOException e) {
                    return;
                }
                handlers.submit(() -> resetHalfway(connection));
            }
        });
        return URI.create("http://" + LOOPBACK.getHostAddress() + ":" + socket.getLocalPort() + "/orders/" + order);
    }

    private void resetHalfway(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            while (matched < end.length) {
                int b = in.read();
                if (b == -1) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
            arrived.incrementAndGet();
            arrivals.add("reset");
            OutputStream out = connection.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\nhalf an or".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            connection.setSoLinger(true, 0);
        } catch (IOException e) {
            // the client went away first: nothing to reset
        }
    }

    private void awaitOrClosed(CountDownLatch gate) throws InterruptedException {
        while (!gate.await(20, TimeUnit.MILLISECONDS)) {
            if (closed.getCount() == 0) {
                return;
            }
        }
    }

    /** How many requests reached the kitchen so far. */
    int arrived() {
        return arrived.get();
    }

    /** How long ago the last request arrived. */
    Duration sinceLastArrival() {
        return Duration.ofNanos(System.nanoTime() - lastArrival);
    }

    /** How many requests the kitchen answered so far. */
    int answered() {
        return answered.get();
    }

    /** The orders in the order their requests arrived. */
    List<String> arrivals() {
        return List.copyOf(arrivals);
    }

    /**
     * Waits until {@code expected} requests have arrived, giving up when none arrived for {@code stall}; returns
     * how many arrived.
     */
    int awaitArrivals(int expected, Duration stall) throws InterruptedException {
        int seen = arrived.get();
        long lastProgress = RunClock.now();
        while (seen < expected && !RunClock.passed(lastProgress, stall)) {
            Thread.sleep(5);
            int now = arrived.get();
            if (now != seen) {
                seen = now;
                lastProgress = RunClock.now();
            }
        }
        return seen;
    }

    @Override
    public void close() {
        closed.countDown();
        for (AutoCloseable extra : extras) {
            try {
                extra.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        server.stop(0);
        handlers.shutdownNow();
    }
}
