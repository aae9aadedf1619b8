package org.regsl.bench.data;

/**
 * One file a paper-scale data set is fetched from ({@code downloads} in {@code datasets.yaml}).
 *
 * @param url where it is published
 * @param file its name under {@code REGSL_DATA/.downloads/<data set>/}
 * @param digest {@code md5:<hex>}, {@code sha256:<hex>}, {@code sha512-<base64>}, or {@code unknown}
 * @param extract true for an archive (tar, tar.gz / tgz, zip) to unpack, false for a file to copy
 * @param into folder under {@code REGSL_DATA} it is unpacked or copied into ({@code ""} = the root)
 */
public record Download(String url, String file, String digest, boolean extract, String into) {

    /** True when a digest is published and checked. */
    public boolean verified() {
        return !digest.equals("unknown");
    }
}
