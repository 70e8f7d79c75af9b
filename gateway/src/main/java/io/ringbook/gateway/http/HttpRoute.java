package io.ringbook.gateway.http;

import io.ringbook.engine.command.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The HTTP API's route table (DESIGN.md §6): method, path template and the engine operation each route performs. The
 * one list the server dispatches on and docs/openapi.json describes; a test holds the two together. A path segment
 * in braces ({@code {id}}) matches any non-empty segment; when several templates match a path, the one with the most
 * literal segments wins, so {@code /v1/accounts/lookup} is never read as an account id.
 */
public enum HttpRoute {
    CREATE_ACCOUNTS("POST", "/v1/accounts", Operation.CREATE_ACCOUNTS),
    CREATE_TRANSFERS("POST", "/v1/transfers", Operation.CREATE_TRANSFERS),
    GET_ACCOUNT("GET", "/v1/accounts/{id}", Operation.LOOKUP_ACCOUNTS),
    GET_TRANSFER("GET", "/v1/transfers/{id}", Operation.LOOKUP_TRANSFERS),
    LOOKUP_ACCOUNTS("POST", "/v1/accounts/lookup", Operation.LOOKUP_ACCOUNTS),
    LOOKUP_TRANSFERS("POST", "/v1/transfers/lookup", Operation.LOOKUP_TRANSFERS),
    GET_ACCOUNT_TRANSFERS("GET", "/v1/accounts/{id}/transfers", Operation.GET_ACCOUNT_TRANSFERS),
    GET_ACCOUNT_BALANCES("GET", "/v1/accounts/{id}/balances", Operation.GET_ACCOUNT_BALANCES),
    QUERY_ACCOUNTS("POST", "/v1/accounts/query", Operation.QUERY_ACCOUNTS),
    QUERY_TRANSFERS("POST", "/v1/transfers/query", Operation.QUERY_TRANSFERS),
    GET_LEDGER_TOTALS("GET", "/v1/ledgers/{ledger}/totals", Operation.GET_LEDGER_TOTALS),
    /** Only with a manual clock; 404 otherwise. Counted as a pulse in the metrics. */
    ADVANCE_CLOCK("POST", "/v1/admin/clock", Operation.PULSE),
    /** Only with a journal (durability other than none); counted as a snapshot in the metrics. */
    TAKE_SNAPSHOT("POST", "/v1/admin/snapshot", Operation.SNAPSHOT),
    HEALTH("GET", "/health", null),
    METRICS("GET", "/metrics", null);

    private final String method;
    private final String path;
    private final Operation operation;
    private final String[] segments;
    private final int literals;

    HttpRoute(final String method, final String path, final Operation operation) {
        this.method = method;
        this.path = path;
        this.operation = operation;
        this.segments = path.split("/", -1);
        int count = 0;
        for (final String segment : segments) {
            if (!isParameter(segment)) {
                count++;
            }
        }
        this.literals = count;
    }

    /** The HTTP method, upper case. */
    public String method() {
        return method;
    }

    /** The path template, parameters in braces. */
    public String path() {
        return path;
    }

    /** The engine operation, for metrics; null for the routes that do not reach the engine (health, metrics). */
    public Operation operation() {
        return operation;
    }

    /** True for the {@code /v1/admin/} routes, whose every use is logged (audited). */
    public boolean isAdmin() {
        return path.startsWith("/v1/admin/");
    }

    /** What a request's method and path resolve to: a route and its path parameters, or why there is none. */
    record Match(HttpRoute route, List<String> parameters, Set<String> allowedMethods) {
        boolean isFound() {
            return route != null;
        }

        /** True if the path exists with other methods only (405), false if it does not exist (404). */
        boolean isMethodNotAllowed() {
            return route == null && !allowedMethods.isEmpty();
        }
    }

    /** Resolves a request; {@code rawPath} is undecoded (parameters are decoded by the caller). */
    static Match resolve(final String requestMethod, final String rawPath) {
        final String[] requested = rawPath.split("/", -1);
        int best = -1;
        final List<HttpRoute> candidates = new ArrayList<>();
        for (final HttpRoute route : values()) {
            if (!route.matches(requested) || route.literals < best) {
                continue;
            }
            if (route.literals > best) {
                best = route.literals;
                candidates.clear();
            }
            candidates.add(route);
        }
        final Set<String> allowed = new TreeSet<>();
        for (final HttpRoute route : candidates) {
            if (route.method.equals(requestMethod)) {
                return new Match(route, route.parameters(requested), Set.of());
            }
            allowed.add(route.method);
        }
        return new Match(null, List.of(), allowed);
    }

    private boolean matches(final String[] requested) {
        if (requested.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (isParameter(segments[i]) ? requested[i].isEmpty() : !segments[i].equals(requested[i])) {
                return false;
            }
        }
        return true;
    }

    private List<String> parameters(final String[] requested) {
        final List<String> values = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            if (isParameter(segments[i])) {
                values.add(requested[i]);
            }
        }
        return values;
    }

    private static boolean isParameter(final String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
