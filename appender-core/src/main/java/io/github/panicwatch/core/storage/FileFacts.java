package io.github.panicwatch.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code lstat} says about one path: never through a symbolic link, so a link is seen as the
 * link it is. Owner, mode and link count come from the JDK's {@code unix} attribute view (Linux,
 * macOS); where the file system has none, they are {@link #UNKNOWN} and only the kind is checked.
 */
record FileFacts(
    boolean exists,
    boolean symbolicLink,
    boolean directory,
    boolean regularFile,
    boolean characterDevice,
    int uid,
    int mode,
    int links,
    long size,
    Object fileKey,
    Instant lastModified) {
  static final int UNKNOWN = -1;
  private static final String UNIX_ATTRIBUTES =
      "unix:uid,mode,nlink,size,fileKey,isSymbolicLink,isDirectory,isRegularFile,lastModifiedTime";
  private static final int TYPE_BITS = 0170000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final FileFacts MISSING =
      new FileFacts(false, false, false, false, false, UNKNOWN, UNKNOWN, 0, 0, null, Instant.EPOCH);
  private static final int GROUP_OR_OTHERS_WRITE = 022;
  private static final int STICKY = 01000;
  private static final int ROOT = 0;

  static FileFacts of(Path path) throws IOException {
    try {
      Map<String, Object> unix = Files.readAttributes(path, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) unix.get("mode");
      return new FileFacts(
          true,
          (Boolean) unix.get("isSymbolicLink"),
          (Boolean) unix.get("isDirectory"),
          (Boolean) unix.get("isRegularFile"),
          (mode & TYPE_BITS) == CHARACTER_DEVICE,
          (Integer) unix.get("uid"),
          mode & 07777,
          (Integer) unix.get("nlink"),
          (Long) unix.get("size"),
          unix.get("fileKey"),
          ((FileTime) unix.get("lastModifiedTime")).toInstant());
    } catch (NoSuchFileException e) {
      return MISSING;
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      BasicFileAttributes basic;
      try {
        basic = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException missing) {
        return MISSING;
      }
      return new FileFacts(
          true,
          basic.isSymbolicLink(),
          basic.isDirectory(),
          basic.isRegularFile(),
          false,
          UNKNOWN,
          UNKNOWN,
          1,
          basic.size(),
          basic.fileKey(),
          basic.lastModifiedTime().toInstant());
    }
  }

  /** True when both name the same file (same device and inode), as far as the file system tells. */
  boolean sameFileAs(FileFacts other) {
    return fileKey == null || other.fileKey == null || Objects.equals(fileKey, other.fileKey);
  }

  /**
   * Why a folder at this path is not Panicwatch's to use, or {@code null} when it is: a real
   * directory (not a symbolic link), owned by {@code ownerUid}, not writable by group or others
   * (the rules HotSpot applies to {@code hsperfdata_<user>}).
   */
  String folderRefusal(int ownerUid) {
    String refusal = kindOrOwnerRefusal(directory, "it is not a directory", ownerUid);
    if (refusal == null && mode != UNKNOWN && (mode & GROUP_OR_OTHERS_WRITE) != 0) {
      return "it is writable by group or others (mode " + Integer.toOctalString(mode) + ")";
    }
    return refusal;
  }

  /**
   * Why a file at this path must not be opened, read, adopted or sent, or {@code null} when it may:
   * a regular file (not a symbolic link, a fifo or a device), owned by {@code ownerUid}, with no
   * second hard link (a link to a file elsewhere would make a write land there).
   */
  String fileRefusal(int ownerUid) {
    String refusal = kindOrOwnerRefusal(regularFile, "it is not a regular file", ownerUid);
    if (refusal == null && links > 1) {
      return "it has " + links + " hard links";
    }
    return refusal;
  }

  /**
   * Why a file in a folder with these facts could have been swapped by someone other than {@code
   * ownerUid} between a check and a read, or {@code null} when it cannot: the folder belongs to that
   * user or to root, and neither group nor others may write to it unless it has the sticky bit (as
   * {@code /tmp}, where no one may rename or delete another's entries).
   */
  String containerRefusal(int ownerUid) {
    if (uid == UNKNOWN || mode == UNKNOWN) {
      return "the owner of its folder cannot be told on this file system";
    }
    if (uid != ownerUid && uid != ROOT) {
      return "it is in a folder of uid " + uid + ", who could have put it there";
    }
    if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
      return "it is in a folder that group or others may write to, without the sticky bit: it could have been swapped";
    }
    return null;
  }

  private String kindOrOwnerRefusal(boolean rightKind, String wrongKind, int ownerUid) {
    if (symbolicLink) {
      return "it is a symbolic link";
    }
    if (!rightKind) {
      return wrongKind;
    }
    if (uid != UNKNOWN && ownerUid != UNKNOWN && uid != ownerUid) {
      return "it belongs to another user (uid " + uid + ")";
    }
    return null;
  }
}
