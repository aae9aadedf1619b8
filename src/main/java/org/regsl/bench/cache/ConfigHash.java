package org.regsl.bench.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hash of a configuration: SHA-256 of its canonical JSON (map keys sorted at every level), in
 * hex. Cache keys and run ids use it, so an entry or a run row built from another configuration
 * never answers for this one.
 */
public final class ConfigHash {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ConfigHash() {}

    /** The first {@code hexDigits} hex digits of the configuration's hash. */
    public static String of(Map<String, Object> config, int hexDigits) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(
                    CANONICAL.writeValueAsString(config).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
