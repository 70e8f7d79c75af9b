package io.ringbook.gateway.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bare HTTP/1.1 connection over a socket, for what {@link java.net.http.HttpClient} will not do: send a huge
 * Content-Length with only a few bytes, stall mid-request, pipeline requests, send malformed requests.
 */
final class RawHttpConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttpConnection(final int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) HttpFixture.HANG_GUARD.toMillis());
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends text as is (CRLF line ends are the caller's). */
    void send(final String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete request with a body and its Content-Length. */
    static String request(final String method, final String path, final String body) {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + bytes.length + "\r\n\r\n" + body;
    }

    /** Reads one response (status line, headers, a Content-Length body). */
    Response read() {
        try {
            final String statusLine = line();
            if (statusLine == null) {
                throw new IllegalStateException("the server closed the connection before answering");
            }
            final Map<String, String> headers = new TreeMap<>();
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                final int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
            }
            final int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            final byte[] body = in.readNBytes(length);
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers,
                new String(body, StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if the server closed the connection: the next read sees the end of the stream (or a reset). */
    boolean isClosedByServer() {
        try {
            return in.read() == -1;
        } catch (final SocketException e) {
            return true;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                final String text = bytes.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One response as read off the socket. */
    record Response(int status, Map<String, String> headers, String body) {
    }
}
