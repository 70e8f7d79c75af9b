package io.ringbook.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.ringbook.protocol.ContinuationCodec;
import io.ringbook.protocol.ErrorCode;
import io.ringbook.protocol.Frame;
import io.ringbook.protocol.OperationCode;
import io.ringbook.protocol.ReplyHeaderCodec;
import io.ringbook.protocol.RequestHeaderCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The client's engine room. Every method runs on the client's single I/O thread, so nothing here is locked:
 *
 * <pre>
 *  caller threads ─execute─▶ enqueue ─▶ queue per operation ──(slot free: fewer than maxInFlight requests)──┐
 *                                                                                                           ▼
 *        callback executor ◀─ completions ◀─ reply ◀─ connection ◀─ write ◀─ request (coalesced calls, one frame)
 *                                             │ busy: resend the same frame after the busy backoff
 *                                             │ connection lost: reconnect with backoff, resend every unanswered frame
 *                                             └ deadline passed: the call fails with a timeout
 * </pre>
 *
 * <p>Coalescing ("smart batching"): sending happens in one pump task that runs after the I/O thread has taken in
 * everything that arrived (calls and replies), so whatever queued meanwhile goes out together, up to the batch
 * limit. A request holds its slot until it is answered, including while it waits for a resend, so the number of
 * frames held is bounded by {@code maxInFlight}, and the calls waiting by {@code queuedEventsMax}.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int OPERATIONS = OperationCode.CODE_LIMIT;

    private final ClientConfig config;
    private final EventLoop loop;
    private final Executor callbacks;
    private final Supplier<ChannelFuture> connector;
    private final ByteBufAllocator allocator;
    private final AtomicInteger queuedEvents;
    private final OperationQueue[] queues = new OperationQueue[OPERATIONS];
    private final int[] eventsMax = new int[OPERATIONS];
    /** Every request holding a slot, oldest first (resends keep that order). */
    private final Set<Request> active = new LinkedHashSet<>();
    /** Requests written to the current connection and not answered, by request id. */
    private final Map<Long, Request> sent = new HashMap<>();
    private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();
    private final RequestHeaderCodec requestHeader = new RequestHeaderCodec();
    private final ReplyHeaderCodec replyHeader = new ReplyHeaderCodec();
    private final long busyBackoffMinNs;
    private final long busyBackoffMaxNs;
    private final long reconnectBackoffMinNs;
    private final long reconnectBackoffMaxNs;

    private Channel channel;
    private boolean connecting;
    private boolean closed;
    private boolean pumpScheduled;
    private long reconnectBackoffNs;
    private long nextSequence;
    private long nextRequestId = 1;
    private ScheduledFuture<?> timer;
    private long timerDeadlineNs;

    Dispatcher(final ClientConfig config, final EventLoop loop, final Executor callbacks,
               final Supplier<ChannelFuture> connector, final ByteBufAllocator allocator,
               final AtomicInteger queuedEvents) {
        this.config = config;
        this.loop = loop;
        this.callbacks = callbacks;
        this.connector = connector;
        this.allocator = allocator;
        this.queuedEvents = queuedEvents;
        for (int operation = 1; operation < OPERATIONS; operation++) {
            if (OperationCode.isKnown(operation)) {
                queues[operation] = new OperationQueue();
                eventsMax[operation] = config.eventsMax(operation);
            }
        }
        busyBackoffMinNs = config.busyBackoffMin().toNanos();
        busyBackoffMaxNs = config.busyBackoffMax().toNanos();
        reconnectBackoffMinNs = config.reconnectBackoffMin().toNanos();
        reconnectBackoffMaxNs = config.reconnectBackoffMax().toNanos();
        reconnectBackoffNs = reconnectBackoffMinNs;
    }

    /** Starts the first connection attempt; the future completes when it succeeded, or fails with its cause. */
    CompletableFuture<Void> start() {
        loop.execute(this::connect);
        return firstConnection;
    }

    /** Takes a call in (its events were already counted in {@code queuedEvents} by the caller's thread). */
    void enqueue(final Call<?> call) {
        if (closed) {
            call.done = true;
            queuedEvents.addAndGet(-call.weight());
            dispatch(List.of(call.fail(new ClientClosedException(OperationCode.name(call.operation)))));
            return;
        }
        call.sequence = nextSequence++;
        queues[call.operation].add(call);
        armTimer(call.deadlineNs);
        schedulePump();
    }

    /** Fails everything pending with {@link ClientClosedException} and closes the connection. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        final List<Runnable> completions = new ArrayList<>();
        for (final OperationQueue queue : queues) {
            if (queue == null) {
                continue;
            }
            for (Call<?> call = queue.head(); call != null; call = queue.head()) {
                queue.poll();
                call.done = true;
                queuedEvents.addAndGet(-call.weight());
                completions.add(call.fail(new ClientClosedException(OperationCode.name(call.operation))));
            }
        }
        for (final Request request : new ArrayList<>(active)) {
            failLive(request, new ClientClosedException(OperationCode.name(request.operation)), completions);
            finish(request);
        }
        sent.clear();
        dispatch(completions);
        if (channel != null) {
            channel.close();
        }
        firstConnection.completeExceptionally(new ClientClosedException("connect"));
    }

    // ---------------------------------------------------------------------------------------------- sending

    private void schedulePump() {
        if (!pumpScheduled && !closed) {
            pumpScheduled = true;
            loop.execute(this::pump);
        }
    }

    /** Fills the free slots with requests built from the oldest queued calls. */
    private void pump() {
        pumpScheduled = false;
        if (closed || channel == null) {
            return;
        }
        boolean wrote = false;
        while (active.size() < config.maxInFlight()) {
            final OperationQueue queue = oldestQueue();
            if (queue == null) {
                break;
            }
            final Request request = build(queue);
            active.add(request);
            write(request);
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private OperationQueue oldestQueue() {
        OperationQueue oldest = null;
        long oldestSequence = Long.MAX_VALUE;
        for (final OperationQueue queue : queues) {
            if (queue == null) {
                continue;
            }
            final Call<?> head = queue.head();
            if (head != null && head.sequence < oldestSequence) {
                oldest = queue;
                oldestSequence = head.sequence;
            }
        }
        return oldest;
    }

    /**
     * One request from the head of a queue: the oldest call, then (creates and lookups) the calls after it while
     * they fit the batch limit. A call ending with an open linked chain ends the request: events appended after it
     * would join its chain.
     */
    private Request build(final OperationQueue queue) {
        final Call<?> first = queue.head();
        final int operation = first.operation;
        final boolean batchable = isBatchable(operation);
        final int limit = eventsMax[operation];
        final List<Call<?>> calls = new ArrayList<>();
        int records = 0;
        for (Call<?> call = first; call != null; call = queue.head()) {
            if (!calls.isEmpty() && records + call.records > limit) {
                break;
            }
            queue.poll();
            queuedEvents.addAndGet(-call.weight());
            call.offset = records;
            records += call.records;
            calls.add(call);
            if (!batchable || call.endsBatch()) {
                break;
            }
        }
        final int bodyBytes = records * OperationCode.requestRecordBytes(operation);
        final ByteBuf frame = allocator.buffer(Frame.LENGTH_FIELD_BYTES + Frame.HEADER_BYTES + bodyBytes);
        final long requestId = nextRequestId++;
        requestHeader.appendFrame(frame, bodyBytes).operation(operation).count(records).requestId(requestId);
        for (final Call<?> call : calls) {
            call.encode(frame);
        }
        final Request request = new Request(requestId, operation, calls, records, frame);
        for (final Call<?> call : calls) {
            call.request = request;
        }
        return request;
    }

    private static boolean isBatchable(final int operation) {
        return OperationCode.isMultiRecord(operation);
    }

    private void write(final Request request) {
        request.state = Request.State.SENT;
        sent.put(request.id, request);
        channel.write(request.frame.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    // ---------------------------------------------------------------------------------------------- replies

    /** One reply frame (header and body, length field stripped) from {@code from}. */
    void onReply(final Channel from, final ByteBuf frame) {
        if (from != channel) {
            return;
        }
        final int base = frame.readerIndex();
        final int length = frame.readableBytes();
        if (length < Frame.HEADER_BYTES) {
            LOG.warn("closing the connection: the server sent a frame of {} bytes, shorter than a header", length);
            from.close();
            return;
        }
        replyHeader.wrap(frame, base);
        final int error = replyHeader.error();
        final long requestId = replyHeader.requestId();
        final ByteBuf body = frame.slice(base + Frame.HEADER_BYTES, length - Frame.HEADER_BYTES);
        if (requestId == 0 && error != ErrorCode.OK) {
            onConnectionError(error, text(body));
            return;
        }
        final Request request = sent.remove(requestId);
        if (request == null) {
            LOG.debug("ignoring the reply to request {}: unknown, or abandoned after its calls timed out", requestId);
            return;
        }
        if (error == ErrorCode.BUSY || error == ErrorCode.UNAVAILABLE) {
            // Both are retryable: a full ring, or a server stopping (or halted) that a restart brings back.
            backoff(request);
            return;
        }
        finish(request);
        final List<Runnable> completions = new ArrayList<>(request.calls.size());
        if (error != ErrorCode.OK) {
            failLive(request, new ServerErrorException(OperationCode.name(request.operation), error, text(body)),
                completions);
        } else {
            route(request, frame, body, completions);
        }
        dispatch(completions);
        schedulePump();
    }

    private void route(final Request request, final ByteBuf frame, final ByteBuf body,
                       final List<Runnable> completions) {
        final String problem = check(request, frame, body);
        final String operation = OperationCode.name(request.operation);
        if (problem != null) {
            LOG.warn("protocol violation in the reply to {} request {}: {}", operation, request.id, problem);
            failLive(request, new RingbookClientException(
                "protocol violation in the reply to " + operation + ": " + problem), completions);
            return;
        }
        final Reply reply = new Reply(body, (int) replyHeader.wrap(frame, frame.readerIndex()).count(),
            OperationCode.replyRecordBytes(request.operation));
        for (final Call<?> call : request.calls) {
            if (call.done) {
                continue;
            }
            call.done = true;
            try {
                completions.add(call.succeed(reply));
            } catch (final RuntimeException e) {
                completions.add(call.fail(new RingbookClientException("could not read the reply to " + operation, e)));
            }
        }
        request.live = 0;
    }

    /** What is wrong with an ok reply to {@code request}, or null if its shape is right. */
    private String check(final Request request, final ByteBuf frame, final ByteBuf body) {
        replyHeader.wrap(frame, frame.readerIndex());
        final int version = replyHeader.version();
        final int operation = replyHeader.operation();
        final long count = replyHeader.count();
        if (version != Frame.VERSION) {
            return "version " + version;
        }
        if (operation != request.operation) {
            return "operation " + operation + " answers a request of operation " + request.operation;
        }
        final long rowBytes = count * OperationCode.replyRecordBytes(operation);
        final boolean continued = OperationCode.isQuery(operation)
            && rowBytes + ContinuationCodec.BYTES == body.readableBytes();
        if (rowBytes != body.readableBytes() && !continued) {
            return "body of " + body.readableBytes() + " bytes for " + count + " records";
        }
        if (OperationCode.isCreate(operation)) {
            return count == request.records ? null : count + " results for " + request.records + " events";
        }
        if (operation == OperationCode.LOOKUP_ACCOUNTS || operation == OperationCode.LOOKUP_TRANSFERS) {
            return count <= request.records ? null : count + " records for " + request.records + " ids";
        }
        if (operation == OperationCode.STATE_HASH) {
            return count == 1 ? null : count + " state hashes";
        }
        return count <= Frame.REQUEST_SIZE_MAX ? null : count + " rows";
    }

    private void backoff(final Request request) {
        request.state = Request.State.BACKOFF;
        final long delayNs = request.busyBackoffNs == 0 ? busyBackoffMinNs : request.busyBackoffNs;
        request.busyBackoffNs = Math.min(delayNs * 2, busyBackoffMaxNs);
        request.retry = loop.schedule(() -> resend(request), delayNs, TimeUnit.NANOSECONDS);
    }

    private void resend(final Request request) {
        request.retry = null;
        if (request.state != Request.State.BACKOFF) {
            return;
        }
        if (channel == null) {
            request.state = Request.State.WAITING;
            return;
        }
        write(request);
        channel.flush();
    }

    /**
     * An error the server could not tie to a request (request id 0). For {@code frame_too_large} the server closes
     * the connection; the largest unanswered request is surely too large (it is at least as large as the refused
     * one), so it fails and the others are resent after reconnecting.
     */
    private void onConnectionError(final int error, final String message) {
        if (error != ErrorCode.FRAME_TOO_LARGE) {
            LOG.warn("the server reported {} for the connection: {}", ErrorCode.name(error), message);
            return;
        }
        int largest = 0;
        for (final Request request : sent.values()) {
            largest = Math.max(largest, request.frameLength());
        }
        final List<Request> refused = new ArrayList<>();
        for (final Request request : sent.values()) {
            if (request.frameLength() == largest) {
                refused.add(request);
            }
        }
        final List<Runnable> completions = new ArrayList<>();
        for (final Request request : refused) {
            sent.remove(request.id);
            finish(request);
            failLive(request, new ServerErrorException(OperationCode.name(request.operation), error, message
                + " (the request's frame is " + largest + " bytes; set ClientConfig.frameMax to the server's"
                + " frame_max)"), completions);
        }
        dispatch(completions);
        schedulePump();
    }

    // ---------------------------------------------------------------------------------------------- connection

    private void connect() {
        if (closed || channel != null || connecting) {
            return;
        }
        connecting = true;
        final ChannelFuture attempt;
        try {
            attempt = connector.get();
        } catch (final RuntimeException e) {
            connecting = false;
            connectFailed(e);
            return;
        }
        attempt.addListener((ChannelFutureListener) this::connectDone);
    }

    private void connectDone(final ChannelFuture attempt) {
        connecting = false;
        if (!attempt.isSuccess()) {
            connectFailed(attempt.cause());
            return;
        }
        final Channel connected = attempt.channel();
        if (closed) {
            connected.close();
            return;
        }
        channel = connected;
        reconnectBackoffNs = reconnectBackoffMinNs;
        connected.closeFuture().addListener((ChannelFutureListener) future -> disconnected(future.channel()));
        int resent = 0;
        for (final Request request : active) {
            if (request.state == Request.State.WAITING) {
                write(request);
                resent++;
            }
        }
        if (resent > 0) {
            connected.flush();
        }
        if (!firstConnection.complete(null)) {
            LOG.info("reconnected to {}:{}; resent {} unanswered requests", config.host(), config.port(), resent);
        }
        schedulePump();
    }

    private void connectFailed(final Throwable cause) {
        if (closed) {
            return;
        }
        if (!firstConnection.isDone()) {
            firstConnection.completeExceptionally(cause);
            return;
        }
        LOG.warn("cannot reconnect to {}:{} ({}); next attempt in {} ms", config.host(), config.port(), cause,
            TimeUnit.NANOSECONDS.toMillis(reconnectBackoffNs));
        scheduleReconnect();
    }

    private void disconnected(final Channel lost) {
        if (lost != channel) {
            return;
        }
        channel = null;
        for (final Request request : active) {
            if (request.state == Request.State.SENT) {
                request.state = Request.State.WAITING;
            }
        }
        sent.clear();
        if (closed) {
            return;
        }
        LOG.warn("connection to {}:{} lost; {} requests will be resent after reconnecting", config.host(),
            config.port(), active.size());
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        final long delayNs = reconnectBackoffNs;
        reconnectBackoffNs = Math.min(delayNs * 2, reconnectBackoffMaxNs);
        loop.schedule(this::connect, delayNs, TimeUnit.NANOSECONDS);
    }

    // ---------------------------------------------------------------------------------------------- deadlines

    /** Makes sure the timer fires no later than {@code deadlineNs}. */
    private void armTimer(final long deadlineNs) {
        if (timer != null) {
            if (timerDeadlineNs - deadlineNs <= 0) {
                return;
            }
            timer.cancel(false);
        }
        timerDeadlineNs = deadlineNs;
        timer = loop.schedule(this::onTimer, Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * Fails every call whose deadline passed, queued or in a request, and re-arms for the next deadline. Calls
     * queue in arrival order with the same timeout, so only queue heads need a look.
     */
    private void onTimer() {
        timer = null;
        if (closed) {
            return;
        }
        final long nowNs = System.nanoTime();
        final List<Runnable> completions = new ArrayList<>();
        long nextNs = Long.MAX_VALUE;
        for (final OperationQueue queue : queues) {
            if (queue != null) {
                nextNs = Math.min(nextNs, expireQueued(queue, nowNs, completions));
            }
        }
        for (final Request request : new ArrayList<>(active)) {
            nextNs = Math.min(nextNs, expireInRequest(request, nowNs, completions));
        }
        dispatch(completions);
        if (nextNs != Long.MAX_VALUE) {
            armTimer(nextNs);
        }
    }

    private long expireQueued(final OperationQueue queue, final long nowNs, final List<Runnable> completions) {
        Call<?> head = queue.head();
        while (head != null && head.deadlineNs - nowNs <= 0) {
            queue.poll();
            head.done = true;
            queuedEvents.addAndGet(-head.weight());
            completions.add(head.fail(timeout(head)));
            head = queue.head();
        }
        return head == null ? Long.MAX_VALUE : head.deadlineNs;
    }

    /** Times out the expired calls of a request; a request left without live calls is abandoned (slot freed). */
    private long expireInRequest(final Request request, final long nowNs, final List<Runnable> completions) {
        if (request.deadlineNs - nowNs > 0) {
            return request.deadlineNs;
        }
        long earliest = Long.MAX_VALUE;
        for (final Call<?> call : request.calls) {
            if (call.done) {
                continue;
            }
            if (call.deadlineNs - nowNs <= 0) {
                call.done = true;
                request.live--;
                completions.add(call.fail(timeout(call)));
            } else {
                earliest = Math.min(earliest, call.deadlineNs);
            }
        }
        request.deadlineNs = earliest;
        if (request.live == 0) {
            if (request.state == Request.State.SENT) {
                sent.remove(request.id);
            }
            finish(request);
            schedulePump();
        }
        return earliest;
    }

    private RequestTimeoutException timeout(final Call<?> call) {
        return new RequestTimeoutException(OperationCode.name(call.operation), config.requestTimeout(),
            call.isCreate());
    }

    // ---------------------------------------------------------------------------------------------- completion

    /** Releases a request's slot and frame. */
    private void finish(final Request request) {
        if (request.state == Request.State.DONE) {
            return;
        }
        request.state = Request.State.DONE;
        active.remove(request);
        if (request.retry != null) {
            request.retry.cancel(false);
            request.retry = null;
        }
        request.frame.release();
    }

    private static void failLive(final Request request, final RuntimeException cause,
                                 final List<Runnable> completions) {
        for (final Call<?> call : request.calls) {
            if (!call.done) {
                call.done = true;
                completions.add(call.fail(cause));
            }
        }
        request.live = 0;
    }

    /** Completes futures on the callback executor, one task for everything one event of the I/O thread decided. */
    private void dispatch(final List<Runnable> completions) {
        if (completions.isEmpty()) {
            return;
        }
        final Runnable task = () -> {
            for (final Runnable completion : completions) {
                completion.run();
            }
        };
        try {
            callbacks.execute(task);
        } catch (final RejectedExecutionException e) {
            task.run();
        }
    }

    private static String text(final ByteBuf body) {
        return body.toString(StandardCharsets.UTF_8);
    }
}
