using System.Text;

namespace NativeGan.Gan.Reports;

/// <summary>Escaping of text and link targets for the report's CommonMark page.</summary>
internal static class Markdown
{
    private const string Special = "\\`*_[]<>#|!";

    /// <summary>
    /// Returns <paramref name="text"/> with Markdown punctuation backslash-escaped and line
    /// breaks turned into spaces.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (Special.Contains(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c == '\n' || c == '\r' ? ' ' : c);
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Returns <paramref name="relativePath"/> as a link target: forward slashes, and each
    /// segment percent-encoded, so that spaces and parentheses do not end the link.
    /// </summary>
    public static string LinkTarget(string relativePath) => string.Join(
        '/',
        relativePath.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    /// <summary>Returns an image link: alternative text and relative path.</summary>
    public static string Image(string altText, string relativePath) =>
        $"![{Escape(altText)}]({LinkTarget(relativePath)})";
}
