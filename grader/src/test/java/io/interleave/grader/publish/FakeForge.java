package io.interleave.grader.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for GitHub's and GitLab's comment APIs: it stores comments, pages them two at a time the way
 * each forge does (a Link header, an X-Next-Page header), checks the token, records every request, and answers
 * with injected statuses (a 403, a 502) when told to.
 */
public final class FakeForge implements AutoCloseable {
    /** A request as the server saw it. */
    public record Request(String method, String path, String query, String auth, JsonNode body) {
    }

    public enum Flavour { GITHUB, GITLAB }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 2;
    private final HttpServer server;
    private final Flavour flavour;
    private final String token;
    private final Map<Long, String> comments = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<int[]> injected = new ArrayDeque<>();
    private long nextId = 1000;

    public FakeForge(Flavour flavour, String token) throws IOException {
        this.flavour = flavour;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (flavour == Flavour.GITLAB ? "/api/v4" : "");
    }

    public synchronized void addComment(String body) {
        comments.put(nextId++, body);
    }

    /** The next request whose method is {@code method} gets {@code status} instead of its real answer. */
    public synchronized void inject(String method, int status) {
        injected.add(new int[] {method.hashCode(), status});
    }

    public Map<Long, String> comments() {
        return Map.copyOf(comments);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        String auth = flavour == Flavour.GITHUB ? exchange.getRequestHeaders().getFirst("Authorization")
                : exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN");
        requests.add(new Request(method, uri.getRawPath(), uri.getQuery(), auth, body));
        synchronized (this) {
            if (!injected.isEmpty() && injected.peek()[0] == method.hashCode()) {
                int status = injected.poll()[1];
                send(exchange, status, JSON.createObjectNode().put("message", status == 403
                        ? "Resource not accessible by integration" : "Server Error"), Map.of());
                return;
            }
        }
        String expected = flavour == Flavour.GITHUB ? "Bearer " + token : token;
        if (!expected.equals(auth)) {
            send(exchange, 401, JSON.createObjectNode().put("message", "Bad credentials"), Map.of());
            return;
        }
        String path = uri.getRawPath();
        Matcher list = Pattern.compile(flavour == Flavour.GITHUB ? "/repos/[^/]+/[^/]+/issues/(\\d+)/comments"
                : "/api/v4/projects/[^/]+/merge_requests/(\\d+)/notes").matcher(path);
        Matcher one = Pattern.compile(flavour == Flavour.GITHUB ? "/repos/[^/]+/[^/]+/issues/comments/(\\d+)"
                : "/api/v4/projects/[^/]+/merge_requests/\\d+/notes/(\\d+)").matcher(path);
        if (list.matches() && method.equals("GET")) {
            int page = 1;
            for (String pair : uri.getQuery() == null ? new String[0] : uri.getQuery().split("&")) {
                if (pair.startsWith("page=")) {
                    page = Integer.parseInt(pair.substring(5));
                }
            }
            List<Map.Entry<Long, String>> all;
            synchronized (comments) {
                all = new ArrayList<>(comments.entrySet());
            }
            ArrayNode items = JSON.createArrayNode();
            for (Map.Entry<Long, String> c : all.subList(Math.min(all.size(), (page - 1) * PAGE), Math.min(all.size(), page * PAGE))) {
                items.addObject().put("id", c.getKey()).put("body", c.getValue());
            }
            boolean more = page * PAGE < all.size();
            Map<String, String> headers = new LinkedHashMap<>();
            if (more && flavour == Flavour.GITHUB) {
                headers.put("Link", "<" + url() + path + "?per_page=100&page=" + (page + 1) + ">; rel=\"next\", <" + url() + path
                        + "?page=1>; rel=\"first\"");
            }
            if (flavour == Flavour.GITLAB) {
                headers.put("X-Next-Page", more ? Integer.toString(page + 1) : "");
            }
            send(exchange, 200, items, headers);
        } else if (list.matches() && method.equals("POST")) {
            long id;
            synchronized (this) {
                id = nextId++;
            }
            comments.put(id, body.path("body").asText());
            send(exchange, 201, created(id), Map.of());
        } else if (one.matches() && (method.equals("PATCH") || method.equals("PUT"))) {
            long id = Long.parseLong(one.group(1));
            if (!comments.containsKey(id)) {
                send(exchange, 404, JSON.createObjectNode().put("message", "Not Found"), Map.of());
                return;
            }
            comments.put(id, body.path("body").asText());
            send(exchange, 200, created(id), Map.of());
        } else {
            send(exchange, 404, JSON.createObjectNode().put("message", "Not Found"), Map.of());
        }
    }

    private ObjectNode created(long id) {
        return JSON.createObjectNode().put("id", id).put("html_url", "https://github.example/pull/7#issuecomment-" + id);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
