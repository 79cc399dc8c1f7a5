package io.github.jwtextended.key;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Just enough of a DER reader for PKCS#1 and SEC 1 key files: definite lengths only, no
 * indefinite forms, every length checked against the input. Malformed input throws
 * {@link IllegalArgumentException}.
 *
 * <p>Thread safety: a reader is not thread safe; use one per parse.
 */
final class Der {
    private Der() {
    }

    static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        Reader(byte[] buf) {
            this(buf, 0, buf.length);
        }

        private Reader(byte[] buf, int start, int end) {
            this.buf = buf;
            this.pos = start;
            this.end = end;
        }

        boolean hasMore() {
            return pos < end;
        }

        int peekTag() {
            need(1);
            return buf[pos] & 0xff;
        }

        /** Reads one element with {@code tag}, returning [start, end) of its content. */
        private int[] element(int tag) {
            need(2);
            if ((buf[pos] & 0xff) != tag) {
                throw new IllegalArgumentException("unexpected DER tag");
            }
            pos++;
            int len = buf[pos++] & 0xff;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 3) {
                    throw new IllegalArgumentException("unsupported DER length");
                }
                need(n);
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (buf[pos++] & 0xff);
                }
            }
            need(len);
            int start = pos;
            pos += len;
            return new int[]{start, pos};
        }

        private void need(int n) {
            if (n < 0 || pos + n > end) {
                throw new IllegalArgumentException("truncated DER");
            }
        }

        Reader sequence() {
            int[] r = element(0x30);
            return new Reader(buf, r[0], r[1]);
        }

        Reader explicit(int tag) {
            int[] r = element(tag);
            return new Reader(buf, r[0], r[1]);
        }

        BigInteger integer() {
            int[] r = element(0x02);
            if (r[1] == r[0]) {
                throw new IllegalArgumentException("empty DER integer");
            }
            return new BigInteger(Arrays.copyOfRange(buf, r[0], r[1]));
        }

        byte[] octetString() {
            int[] r = element(0x04);
            return Arrays.copyOfRange(buf, r[0], r[1]);
        }

        byte[] oid() {
            int[] r = element(0x06);
            return Arrays.copyOfRange(buf, r[0], r[1]);
        }

        void end() {
            if (pos != end) {
                throw new IllegalArgumentException("trailing DER content");
            }
        }
    }
}
