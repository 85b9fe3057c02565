using NativeGan.Gan.Reports;

namespace NativeGan.Gan.Tests.Reports;

public sealed class MarkdownTests
{
    [Theory]
    [InlineData("samples/epoch-0001.png", "samples/epoch-0001.png")]
    [InlineData("samples\\epoch-0001.png", "samples/epoch-0001.png")]
    [InlineData("my run/grid (1).png", "my%20run/grid%20%281%29.png")]
    public void LinkTarget_RelativePath_IsSafeLink(string path, string target)
    {
        Assert.Equal(target, Markdown.LinkTarget(path));
    }

    [Theory]
    [InlineData("run_1", "run\\_1")]
    [InlineData("a|b", "a\\|b")]
    [InlineData("line\nbreak", "line break")]
    public void Escape_Text_EscapesMarkdown(string text, string escaped)
    {
        Assert.Equal(escaped, Markdown.Escape(text));
    }
}
