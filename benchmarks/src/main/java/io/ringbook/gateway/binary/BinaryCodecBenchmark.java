package io.ringbook.gateway.binary;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.ringbook.benchmarks.EventCounters;
import io.ringbook.benchmarks.Workload;
import io.ringbook.benchmarks.WorkloadStream;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.CommandCodec;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.command.CommandArray;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import io.ringbook.protocol.CreateResultCodec;
import io.ringbook.protocol.ErrorCode;
import io.ringbook.protocol.Frame;
import io.ringbook.protocol.OperationCode;
import io.ringbook.protocol.ReplyHeaderCodec;
import io.ringbook.protocol.RequestHeaderCodec;
import io.ringbook.protocol.TransferCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The four codec steps a create_transfers request takes over the binary protocol, each alone on the benchmark thread
 * (no socket, no event loop, no ring): how many transfers per second one core can turn into bytes and back.
 *
 * <pre>
 *   clientEncodeRequest   Transfer records -&gt; request frame   client (Dispatcher.build + CreateCall.encode)
 *   serverDecodeRequest   request frame -&gt; ring slots         server (engine's fill loop + FrameFillers.TRANSFERS)
 *   serverEncodeReply     answered slots -&gt; reply frame       server (what BinaryReplyPublisher writes)
 *   clientDecodeReply     reply frame -&gt; CreateResult list    client (Dispatcher.onReply + CreateCall.decode)
 * </pre>
 *
 * <p>What each step runs. Both ends use the protocol module's codecs, as the client and the server do. The client steps
 * make the calls of the client's package-private {@code Dispatcher} and {@code CreateCall} in their order (they cannot
 * be reached from this package): a frame sized exactly from {@link ByteBufAllocator#DEFAULT} (what {@code
 * RingbookClient} gives its dispatcher), the header through a {@link RequestHeaderCodec}, one {@code
 * TransferCodec.append(frame).set(transfer)} per transfer through one codec per call (as the client's create call
 * does), the frame released when done; and on the way back a slice of the body, one {@link
 * CreateResultCodec#toCreateResult} per result into an {@code ArrayList}, wrapped unmodifiable. The server decode is
 * the production filler itself, {@link FrameFillers#TRANSFERS}, over a connection's {@link TransferCodec} wrapped at
 * the frame, called per slot after {@code Command.prepare} exactly as {@code RingbookEngine.tryPublish} does for {@code
 * BinaryRequestAdapter}; claiming and publishing the ring slots (and the clock read) are not included, and the slots
 * are a {@link CommandArray} of the request's size, not the ring. The server reply: {@link BinaryReplyPublisher}
 * encodes only inside {@code onReply}, which needs a live {@code Channel} and a {@code GatewayMetrics} (hence an
 * engine), so this benchmark makes the same calls on the same codecs (a connection's {@code
 * BinaryReplyPublisher.Codecs}): a buffer sized exactly from the default allocator (a connection's {@code alloc()}),
 * the header, then per slot an appended 16-byte CreateResult with status and timestamp set, which is what the
 * publisher's private {@code begin} and {@code writeRecords} do; the bytes are the same. The publisher's result
 * counting for the metrics and the hand-over to the event loop are not included. Each trial set-up checks that the
 * frames carry the stream's transfers and results (decoded slots equal the records, decoded results equal the slots).
 *
 * <p>Input: {@code batchSize} consecutive events of the standard {@code uniform-10k} stream (seed 1) from the middle of
 * a standard 10,000,000-event pass (ids of 7 digits, as most of a load run), built once per trial. The answered slots
 * carry {@code created} with 19-digit timestamps and {@code exceeds_credits} (timestamp 0) on every 66th event, about
 * the 1.5% that workload rejects. Nothing is allocated per call that the production path does not allocate (the
 * frames, the reply slice, the result list and its records).
 *
 * <p>Scores: the primary score is frames per second; {@code events} (see {@link EventCounters}) is transfers (or
 * results) per second, the figure to read; {@code rejected} stays 0 (a codec rejects nothing).
 *
 * <p>Capacity: on the wire a create_transfers request is 20 + 112 n bytes (4-byte length, 16-byte header, a 112-byte
 * record per transfer: 917,300 bytes for 8190) and its reply 20 + 16 n bytes (131,060 bytes for 8190), so at 1 Gbit/s
 * a link carries at most about 1.1 M transfers per second in requests; the replies need a seventh of that.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BinaryCodecBenchmark {
    /** The workload the transfers come from (JsonCodecBenchmark uses the same input). */
    public static final String WORKLOAD = "uniform-10k";
    public static final long SEED = 1;
    /** First event of the request: the middle of a standard pass, so that ids have the width most of a run has. */
    public static final long FIRST_EVENT = Workload.EVENTS_DEFAULT / 2;
    /** Every 66th result is a rejection (about 1.5%, the share uniform-10k rejects). */
    public static final int REJECTED_EVERY = 66;
    /** Timestamps of created results: wall-clock nanoseconds of late 2026, 19 digits like the engine's. */
    public static final long TIMESTAMP_BASE = 1_795_000_000_000_000_000L;

    /** Transfers per request (8190, {@code Frame.REQUEST_SIZE_MAX}, is the protocol's and the engine's most). */
    @Param({"1", "100", "8190"})
    public int batchSize;

    private final ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
    /** Stands for the request's {@code BinaryReplyPublisher}, which every slot of a request references. */
    private final Object replyContext = new Object();
    /** The client dispatcher's header codec (one per client). */
    private final RequestHeaderCodec requestHeader = new RequestHeaderCodec();
    /** The server connection's request codec, as {@code BinaryRequestAdapter} holds it. */
    private final TransferCodec requestRecords = new TransferCodec();
    /** The server connection's reply codecs, as {@code BinaryReplyPublisher} uses them. */
    private final BinaryReplyPublisher.Codecs replyCodecs = new BinaryReplyPublisher.Codecs();
    /** The client dispatcher's reply header codec. */
    private final ReplyHeaderCodec replyHeader = new ReplyHeaderCodec();
    private List<Transfer> transfers;
    private CommandArray slots;
    private CommandArray answered;
    private ByteBuf requestBuffer;
    private ByteBuf replyBuffer;
    private ByteBuf requestFrame;
    private ByteBuf replyFrame;
    private long requestId;

    @Setup(Level.Trial)
    public void build() {
        final WorkloadStream stream = Workload.of(WORKLOAD).stream(SEED);
        transfers = List.copyOf(stream.transfers(FIRST_EVENT, batchSize));
        slots = new CommandArray(batchSize);
        answered = answeredRequest(stream, batchSize);
        // The frames as the receiving side's frame decoder passes them on: the length prefix stripped.
        requestBuffer = encodeRequest();
        requestFrame = withoutLengthField(requestBuffer);
        replyBuffer = encodeReply(answered);
        replyFrame = withoutLengthField(replyBuffer);
        checkRoundTrip();
        System.out.printf("%nbinary, %d transfer(s): request %,d bytes (%.1f per transfer), reply %,d bytes "
                + "(%.1f per result)%n", batchSize, requestBuffer.readableBytes(),
            (double) requestBuffer.readableBytes() / batchSize, replyBuffer.readableBytes(),
            (double) replyBuffer.readableBytes() / batchSize);
    }

    @TearDown(Level.Trial)
    public void release() {
        requestBuffer.release();
        replyBuffer.release();
    }

    /** Client: a create_transfers frame built from Transfer records, then released (as once answered). */
    @Benchmark
    public void clientEncodeRequest(final EventCounters counters, final Blackhole blackhole) {
        final ByteBuf frame = encodeRequest();
        blackhole.consume(frame.writerIndex());
        frame.release();
        counters.events += batchSize;
    }

    /** Server: the request frame's records copied into slots by the binary server's filler. */
    @Benchmark
    public void serverDecodeRequest(final EventCounters counters, final Blackhole blackhole) {
        final int count = decodeRequest();
        blackhole.consume(slots.get(count - 1).amount);
        counters.events += count;
    }

    /** Server: the reply frame of an answered request, from its slots, then released (as once written). */
    @Benchmark
    public void serverEncodeReply(final EventCounters counters, final Blackhole blackhole) {
        final ByteBuf reply = encodeReply(answered);
        blackhole.consume(reply.writerIndex());
        reply.release();
        counters.events += answered.size();
    }

    /** Client: the reply frame read into the caller's list of results. */
    @Benchmark
    public void clientDecodeReply(final EventCounters counters, final Blackhole blackhole) {
        final List<CreateResult> results = decodeReply();
        blackhole.consume(results);
        counters.events += results.size();
    }

    /** As the client's dispatcher: an exactly sized frame, the header, then each call's records. */
    private ByteBuf encodeRequest() {
        final int records = transfers.size();
        final int bodyBytes = records * OperationCode.requestRecordBytes(OperationCode.CREATE_TRANSFERS);
        final ByteBuf frame = allocator.buffer(Frame.LENGTH_FIELD_BYTES + Frame.HEADER_BYTES + bodyBytes);
        requestHeader.appendFrame(frame, bodyBytes).operation(OperationCode.CREATE_TRANSFERS).count(records)
            .requestId(++requestId);
        final TransferCodec record = new TransferCodec();
        for (final Transfer transfer : transfers) {
            record.append(frame).set(transfer);
        }
        return frame;
    }

    /** As the engine's publish for the binary adapter: per slot, the header written, then the frame filler. */
    private int decodeRequest() {
        final ByteBuf frame = requestFrame;
        final int count = (int) requestHeader.wrap(frame, 0).count();
        final long id = ++requestId;
        final TransferCodec records = requestRecords.wrap(frame, Frame.HEADER_BYTES);
        for (int i = 0; i < count; i++) {
            final Command slot = slots.get(i);
            slot.prepare(Operation.CREATE_TRANSFERS, id, i, count, 0, replyContext);
            FrameFillers.TRANSFERS.fill(slot, i, records);
        }
        return count;
    }

    /** The buffer calls of the reply publisher for a create request: header, then one result record per slot. */
    private ByteBuf encodeReply(final CommandRequest request) {
        final int count = request.size();
        final int bodyBytes = count * OperationCode.replyRecordBytes(OperationCode.CREATE_TRANSFERS);
        final ByteBuf out = allocator.buffer(Frame.LENGTH_FIELD_BYTES + Frame.HEADER_BYTES + bodyBytes);
        replyCodecs.header.appendFrame(out, bodyBytes).operation(OperationCode.CREATE_TRANSFERS).error(ErrorCode.OK)
            .count(count).requestId(request.get(0).requestId);
        final CreateResultCodec result = replyCodecs.createResult;
        for (int i = 0; i < count; i++) {
            final Command slot = request.get(i);
            result.append(out).status(slot.status).timestamp(slot.resultTimestamp);
        }
        return out;
    }

    /** As the client: the body sliced off the frame, one result per record, ids from the caller's transfers. */
    private List<CreateResult> decodeReply() {
        final ByteBuf frame = replyFrame;
        final int base = frame.readerIndex();
        final ByteBuf body = frame.slice(base + Frame.HEADER_BYTES, frame.readableBytes() - Frame.HEADER_BYTES);
        final int count = (int) replyHeader.wrap(frame, base).count();
        final List<CreateResult> results = new ArrayList<>(count);
        final CreateResultCodec result = new CreateResultCodec();
        for (int i = 0; i < count; i++) {
            results.add(result.wrap(body, i * CreateResultCodec.BYTES).toCreateResult(i, transfers.get(i).id()));
        }
        return Collections.unmodifiableList(results);
    }

    /**
     * Events {@code FIRST_EVENT ..} of {@code stream} as one create_transfers request after the ledger answered it:
     * status and timestamp as described in the class comment. Shared with the JSON benchmark.
     */
    public static CommandArray answeredRequest(final WorkloadStream stream, final int size) {
        final CommandArray request = new CommandArray(size);
        for (int i = 0; i < size; i++) {
            final Command slot = request.get(i);
            slot.prepare(Operation.CREATE_TRANSFERS, 1, i, size, 0, null);
            stream.writeEvent(slot, FIRST_EVENT + i);
            if (i % REJECTED_EVERY == REJECTED_EVERY - 1) {
                slot.status = CreateTransferResult.EXCEEDS_CREDITS.code();
            } else {
                slot.status = CreateTransferResult.CREATED.code();
                slot.resultTimestamp = TIMESTAMP_BASE + i;
            }
        }
        request.size(size);
        return request;
    }

    private static ByteBuf withoutLengthField(final ByteBuf frame) {
        return frame.slice(Frame.LENGTH_FIELD_BYTES, frame.readableBytes() - Frame.LENGTH_FIELD_BYTES);
    }

    /** Fails the trial unless the frames carry exactly the stream's transfers and the answered results. */
    private void checkRoundTrip() {
        final int count = decodeRequest();
        if (count != transfers.size()) {
            throw new IllegalStateException("the request frame holds " + count + " transfers, not " + batchSize);
        }
        for (int i = 0; i < count; i++) {
            if (!CommandCodec.readTransfer(slots.get(i)).equals(transfers.get(i))) {
                throw new IllegalStateException("transfer " + i + " differs after encode and decode");
            }
        }
        final List<CreateResult> results = decodeReply();
        for (int i = 0; i < answered.size(); i++) {
            if (!results.get(i).equals(CommandCodec.readCreateResult(answered.get(i)))) {
                throw new IllegalStateException("result " + i + " differs after encode and decode");
            }
        }
    }
}
