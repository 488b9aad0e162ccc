package org.lmsregistry.analysis.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files through Hadoop's file system API, so that snapshots and generated registries can live on the
 * local disk, HDFS or an object store alike. A location without a scheme is a local path (made
 * absolute against the working directory), so that executors on the same machine see the same file.
 */
public final class Storage {

    private Storage() {
    }

    /** A location as a fully qualified Hadoop path. */
    public static Path path(String location) {
        URI uri = URI.create(location.replace(" ", "%20"));
        if (uri.getScheme() == null || uri.getScheme().length() == 1) {
            return new Path(Paths.get(location).toAbsolutePath().normalize().toUri());
        }
        return new Path(location);
    }

    /** The location as a string Spark accepts. */
    public static String uri(String location) {
        return path(location).toString();
    }

    /** A child of a location. */
    public static String child(String location, String name) {
        return new Path(path(location), name).toString();
    }

    public static FileSystem fs(Path p) {
        try {
            return p.getFileSystem(new Configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean exists(String location) {
        Path p = path(location);
        try {
            return fs(p).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isDirectory(String location) {
        Path p = path(location);
        try {
            return fs(p).getFileStatus(p).isDirectory();
        } catch (java.io.FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a location does not exist or is an empty folder. */
    public static boolean absentOrEmpty(String location) {
        Path p = path(location);
        try {
            FileSystem fs = fs(p);
            return !fs.exists(p) || (fs.getFileStatus(p).isDirectory() && fs.listStatus(p).length == 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files (not folders) directly in a folder, sorted by name. */
    public static List<FileStatus> files(String location) {
        Path p = path(location);
        try {
            List<FileStatus> out = new ArrayList<>();
            for (FileStatus s : fs(p).listStatus(p)) {
                if (s.isFile()) {
                    out.add(s);
                }
            }
            out.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String readString(String location) {
        Path p = path(location);
        try (InputStream in = fs(p).open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeString(String location, String text) {
        Path p = path(location);
        try (OutputStream out = fs(p).create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OutputStream create(String location) {
        Path p = path(location);
        try {
            return fs(p).create(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static InputStream open(String location) {
        Path p = path(location);
        try {
            return fs(p).open(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void mkdirs(String location) {
        Path p = path(location);
        try {
            fs(p).mkdirs(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file or a folder with everything in it; nothing when absent. */
    public static void delete(String location) {
        Path p = path(location);
        try {
            fs(p).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Moves a finished folder into place. The target must not exist, or be an empty folder (which is
     * replaced).
     */
    public static void moveInto(String from, String to) {
        Path src = path(from);
        Path dst = path(to);
        try {
            FileSystem fs = fs(dst);
            if (fs.exists(dst)) {
                if (fs.listStatus(dst).length > 0) {
                    throw new IllegalStateException(to + " is not empty");
                }
                fs.delete(dst, true);
            }
            if (dst.getParent() != null) {
                fs.mkdirs(dst.getParent());
            }
            if (!fs.rename(src, dst)) {
                throw new IOException("could not move " + from + " to " + to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh staging location beside the target, e.g. {@code out/.staging-<random>} for {@code out}. */
    public static String stagingFor(String target) {
        Path dst = path(target);
        Path parent = dst.getParent();
        String name = "." + dst.getName() + ".staging-" + Long.toHexString(System.nanoTime())
                + Integer.toHexString((int) (Math.random() * 0xffff));
        return new Path(parent, name).toString();
    }
}
