using Microsoft.CodeAnalysis.Text;
using AnalyzerEvalParser = AiLint.Analyzers.Rules.Prompts.EvalFileParser;
using AnalyzerPromptHash = AiLint.Analyzers.Rules.Prompts.PromptHash;
using RuntimeEvalFile = AiLint.EvalFile;
using RuntimePromptHash = AiLint.PromptHash;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The runtime API (AiLint.Annotations, used by eval runners) and the analyzer must agree on hashes and on which cases
/// cover a prompt. Each side is named through an alias: inside <c>namespace AiLint.Tests</c> a bare <c>PromptHash</c>
/// resolves to the runtime type <c>AiLint.PromptHash</c> before any using directive, so the two sides must be spelled out.
/// </summary>
public class RuntimeAnalyzerAgreementTests
{
    [Theory]
    [InlineData("")]
    [InlineData("You are the Contoso support assistant. Never share secrets.")]
    [InlineData("é🙂\r\nline two\n")]
    public void Both_sides_hash_a_prompt_the_same_way(string prompt)
    {
        Assert.NotSame(typeof(AnalyzerPromptHash).Assembly, typeof(RuntimePromptHash).Assembly);
        Assert.Equal(AnalyzerPromptHash.Compute(prompt), RuntimePromptHash.Compute(prompt));
    }

    [Theory]
    // A todo case never covers, even with a complete input and expectation.
    [InlineData("""{"prompt":"p","id":"a","input":"hi","expect":"hello","status":"todo"}""", false)]
    [InlineData("""{"prompt":"p","id":"a","input":"hi","expect":"hello","status":"TODO"}""", false)]
    [InlineData("""{"prompt":"p","id":"a","input":"hi","expect":"hello","status":"passing"}""", true)]
    [InlineData("""{"prompt":"p","id":"a","input":"hi","expect":"hello"}""", true)]
    [InlineData("""{"prompt":"p","id":"a","input":"","expect":"hello"}""", false)]
    [InlineData("""{"prompt":"p","id":"a","input":"hi","expect":{}}""", false)]
    public void Both_sides_agree_on_which_cases_cover(string line, bool covering)
    {
        var runtime = RuntimeEvalFile.Parse(line).Cases.Single();
        var analyzer = AnalyzerEvalParser.Parse(SourceText.From(line)).Cases.Single();

        Assert.Equal(covering, runtime.IsCovering);
        Assert.Equal(covering, analyzer.IsCovering);
    }
}
