package dev.zscope.history;

import dev.zscope.base.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The renames and deletions of streams, in the order of the store's block sequence numbers, kept in
 * {@code names.log} (one line each, synced). Blocks are never rewritten: a block carries the name
 * its stream had when it was written, and this log says which stream that name stands for at each
 * point of the sequence. So renaming is instant whatever the history's size, and a deleted stream's
 * blocks stop belonging to anyone (they leave with retention) even if its name is used again.
 */
final class NameHistory {

    private static final Logger log = LoggerFactory.getLogger(NameHistory.class);

    /** Blocks of {@code name} with sequence numbers in {@code (after, before)} belong to the stream asked about. */
    record Alias(String name, long after, long before) {
    }

    private record Event(long seq, boolean deleted, String from, String to) {
    }

    private final Path file;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    NameHistory(Path file) {
        this.file = file;
    }

    /** Reads the log; lines before {@code oldestSeq} (no block that old is left) are dropped from it. */
    void load(long oldestSeq) throws IOException {
        events.clear();
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        List<Event> read = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            try {
                if (f.length == 3 && f[1].equals("deleted")) {
                    read.add(new Event(Long.parseLong(f[0]), true, f[2], null));
                } else if (f.length == 4 && f[1].equals("renamed")) {
                    read.add(new Event(Long.parseLong(f[0]), false, f[2], f[3]));
                } else if (!line.isEmpty()) {
                    log.warn("Ignoring an unreadable line of {}: '{}'", file, line);
                }
            } catch (NumberFormatException e) {
                log.warn("Ignoring an unreadable line of {}: '{}'", file, line);
            }
        }
        List<Event> kept = read.stream().filter(e -> e.seq() >= oldestSeq).toList();
        events.addAll(kept);
        if (kept.size() != read.size() || kept.size() != lines.size()) {
            PrivateFiles.replace(file, w -> {
                for (Event e : kept) {
                    w.write(line(e));
                }
            });
        }
    }

    void renamed(long seq, String from, String to) throws IOException {
        append(new Event(seq, false, from, to));
    }

    void deleted(long seq, String name) throws IOException {
        append(new Event(seq, true, name, null));
    }

    private void append(Event e) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(line(e).getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(false);
        }
        events.add(e);
    }

    private static String line(Event e) {
        return e.deleted() ? e.seq() + " deleted " + e.from() + "\n" : e.seq() + " renamed " + e.from() + " " + e.to() + "\n";
    }

    /**
     * The names under which the stream now called {@code current} was written, each with the part of
     * the sequence where that name meant this stream; newest first.
     */
    List<Alias> aliases(String current) {
        List<Alias> out = new ArrayList<>(1);
        String name = current;
        long before = Long.MAX_VALUE;
        for (int i = events.size() - 1; i >= 0; i--) {
            Event e = events.get(i);
            if (e.deleted() && e.from().equals(name)) {
                out.add(new Alias(name, e.seq(), before)); // before its deletion the name was another stream's
                return out;
            }
            if (!e.deleted() && e.from().equals(name)) {
                out.add(new Alias(name, e.seq(), before)); // that stream left the name here
                return out;
            }
            if (!e.deleted() && e.to().equals(name)) {
                out.add(new Alias(name, e.seq(), before));
                before = e.seq();
                name = e.from();
            }
        }
        out.add(new Alias(name, -1, before));
        return out;
    }
}
