using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Harness;

public class TestMarkupTests
{
    [Fact]
    public void Plain_span_is_removed_and_recorded()
    {
        var (source, spans) = TestMarkup.Parse("a [|bc|] d");
        Assert.Equal("a bc d", source);
        Assert.Equal(new MarkedSpan(new TextSpan(2, 2), null, null), Assert.Single(spans));
    }

    [Fact]
    public void Id_and_index_spans_nest()
    {
        var (source, spans) = TestMarkup.Parse("x {|AIL0002:f({|#0:y|})|};");
        Assert.Equal("x f(y);", source);
        Assert.Equal(2, spans.Count);
        Assert.Contains(new MarkedSpan(new TextSpan(2, 4), "AIL0002", null), spans);
        Assert.Contains(new MarkedSpan(new TextSpan(4, 1), null, 0), spans);
    }

    [Fact]
    public void Braces_and_pipes_in_ordinary_code_are_kept()
    {
        var (source, spans) = TestMarkup.Parse("var x = a || b; var s = $\"{y}\"; int[] z = [1];");
        Assert.Equal("var x = a || b; var s = $\"{y}\"; int[] z = [1];", source);
        Assert.Empty(spans);
    }

    [Fact]
    public void Unbalanced_markup_is_an_error() => Assert.Throws<FormatException>(() => TestMarkup.Parse("a [|b"));
}
