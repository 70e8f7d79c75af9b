package io.ringbook.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbook.gateway.http.HttpFixture.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/openapi.json and docs/HTTP.md against the real server, both ways: every documented operation is routed and
 * accepts its documented example with 200 and an answer of the documented shape; every route the server has is
 * documented; the documented error codes are the server's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpDocumentationTest {
    private static final Path OPENAPI = Path.of("..", "docs", "openapi.json");
    private static final Path USER_PAGE = Path.of("..", "docs", "HTTP.md");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options");

    @TempDir
    static Path data;
    private HttpFixture http;
    private JsonNode doc;

    @BeforeAll
    void start() throws IOException {
        doc = HttpFixture.JSON.readTree(Files.readString(OPENAPI));
        http = HttpFixture.startWithManualClockAndJournal(data);
    }

    @AfterAll
    void stop() {
        http.close();
    }

    @Test
    void everyRouteOfTheServerIsDocumented() {
        for (final HttpRoute route : HttpServer.routes()) {
            final JsonNode operation = doc.path("paths").path(route.path())
                .path(route.method().toLowerCase(Locale.ROOT));
            assertFalse(operation.isMissingNode(), route.method() + " " + route.path() + " is not in openapi.json");
        }
    }

    @Test
    void everyDocumentedOperationIsRoutedAndAnswersItsExampleInTheDocumentedShape() {
        call("/v1/accounts", "post");
        call("/v1/transfers", "post");
        int operations = 0;
        for (final Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            final Iterator<String> methods = path.getValue().fieldNames();
            while (methods.hasNext()) {
                final String method = methods.next();
                assertTrue(METHODS.contains(method), path.getKey() + ": " + method);
                call(path.getKey(), method);
                operations++;
            }
        }
        assertEquals(HttpServer.routes().size(), operations, "documented operations vs routes");
    }

    @Test
    void documentedErrorCodesAreTheServersErrorCodes() {
        final Set<String> documented = new TreeSet<>();
        resolve(doc.at("/components/schemas/Error/properties/error")).path("enum")
            .forEach(code -> documented.add(code.asText()));
        final Set<String> server = new TreeSet<>();
        for (final ApiError error : ApiError.values()) {
            server.add(error.wireName());
        }
        assertEquals(server, documented);
    }

    @Test
    void userPageShowsEveryRouteAndErrorCode() throws IOException {
        final String page = Files.readString(USER_PAGE);
        for (final HttpRoute route : HttpServer.routes()) {
            assertTrue(page.contains(route.method() + " " + route.path()), "HTTP.md lacks " + route);
            final String example = "-X " + route.method() + " ";
            assertTrue(route.method().equals("GET") || page.contains(example), "HTTP.md has no curl " + example);
        }
        for (final ApiError error : ApiError.values()) {
            assertTrue(page.contains("`" + error.wireName() + "`"), "HTTP.md lacks " + error.wireName());
        }
    }

    /** Sends the operation's documented example and checks the 200 answer against the documented schema. */
    private void call(final String template, final String method) {
        final JsonNode operation = doc.path("paths").path(template).path(method);
        String path = template;
        final List<String> query = new ArrayList<>();
        for (final JsonNode parameter : operation.path("parameters")) {
            final JsonNode resolved = resolve(parameter);
            final String name = resolved.path("name").asText();
            if ("path".equals(resolved.path("in").asText())) {
                assertTrue(resolved.has("example"), template + ": path parameter " + name + " has no example");
                path = path.replace("{" + name + "}", resolved.path("example").asText());
            } else if (resolved.has("example")) {
                query.add(name + "=" + resolved.path("example").asText());
            }
        }
        final String uri = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        final JsonNode example = operation.at("/requestBody/content/application~1json/example");
        final Reply reply = http.send(method.toUpperCase(Locale.ROOT), uri,
            example.isMissingNode() ? null : example.toString());
        final String where = method.toUpperCase(Locale.ROOT) + " " + uri;
        assertEquals(200, reply.status(), where + ": " + reply.body());
        final JsonNode jsonSchema = operation.at("/responses/200/content/application~1json/schema");
        if (jsonSchema.isMissingNode()) {
            final JsonNode content = operation.at("/responses/200/content");
            final String type = content.fieldNames().next();
            assertTrue(reply.header("content-type").startsWith(type.substring(0, type.indexOf(';'))), where);
            return;
        }
        assertEquals("application/json", reply.header("content-type"), where);
        final JsonNode answer = reply.json();
        assertFalse(answer.isArray() && answer.isEmpty(), where + ": the example should answer rows");
        assertShape(answer, jsonSchema, where);
    }

    private void assertShape(final JsonNode value, final JsonNode schemaOrRef, final String where) {
        final JsonNode schema = resolve(schemaOrRef);
        switch (schema.path("type").asText()) {
            case "array":
                assertTrue(value.isArray(), where + " should be an array: " + value);
                for (int i = 0; i < value.size(); i++) {
                    assertShape(value.get(i), schema.path("items"), where + "[" + i + "]");
                }
                break;
            case "object":
                assertTrue(value.isObject(), where + " should be an object: " + value);
                assertEquals(names(schema.path("properties")), names(value), where + " fields");
                schema.path("properties").properties().forEach(property -> assertShape(
                    value.get(property.getKey()), property.getValue(), where + "." + property.getKey()));
                break;
            case "integer":
                assertTrue(value.isIntegralNumber(), where + " should be an integer: " + value);
                if (schema.has("minimum")) {
                    assertTrue(value.bigIntegerValue().compareTo(bound(schema, "minimum")) >= 0, where);
                }
                if (schema.has("maximum")) {
                    assertTrue(value.bigIntegerValue().compareTo(bound(schema, "maximum")) <= 0, where);
                }
                break;
            case "string":
                assertTrue(value.isTextual(), where + " should be a string: " + value);
                if (schema.has("enum")) {
                    final Set<String> allowed = new TreeSet<>();
                    schema.path("enum").forEach(name -> allowed.add(name.asText()));
                    assertTrue(allowed.contains(value.asText()), where + ": " + value);
                }
                break;
            case "boolean":
                assertTrue(value.isBoolean(), where);
                break;
            default:
                throw new AssertionError(where + ": output schema without a plain type: " + schema);
        }
    }

    private JsonNode resolve(final JsonNode schema) {
        if (!schema.has("$ref")) {
            return schema;
        }
        final String ref = schema.path("$ref").asText();
        assertTrue(ref.startsWith("#/"), ref);
        final JsonNode target = doc.at(ref.substring(1));
        assertNotNull(target);
        assertFalse(target.isMissingNode(), "dangling " + ref);
        return resolve(target);
    }

    private static BigInteger bound(final JsonNode schema, final String name) {
        return schema.path(name).bigIntegerValue();
    }

    private static List<String> names(final JsonNode object) {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
