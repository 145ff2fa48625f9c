using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// AIL0301 on the system text of a request sent with Flurl.Http (read as the HttpClient POST body is): the chat app's
/// system prompt posted with <c>PostJsonAsync</c> to api.openai.com is a prompt; the same body posted to the app's own
/// API is not.
/// </summary>
public class FlurlPromptSlotTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Flurl.Http;

        """;

    private static readonly ImmutableArray<MetadataReference> FrameworkAndFlurl = ReferenceAssemblies.FrameworkOnly.AddRange(
        ReferenceAssemblies.Default.Where(r => Path.GetFileName(r.Display ?? "").StartsWith("Flurl", StringComparison.OrdinalIgnoreCase)));

    private static Task VerifyFlurlAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = Usings + code, References = FrameworkAndFlurl };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task System_text_posted_with_Flurl_to_OpenAI_is_a_prompt_and_to_the_apps_api_is_not() =>
        VerifyFlurlAsync("""
            public sealed class ChatSession
            {
                public async Task<string> AskAsync(string input, string key)
                {
                    var body = new
                    {
                        model = "gpt-4o-mini",
                        messages = new[]
                        {
                            new { role = "system", content = {|#0:"You are a PC performance expert. Diagnose game stutter from the user's specs."|} },
                            new { role = "user", content = input },
                        },
                    };
                    var response = await "https://api.openai.com/v1/chat/completions".WithOAuthBearerToken(key).PostJsonAsync(body);
                    return await response.GetStringAsync();
                }

                public async Task SaveAsync(string input)
                {
                    var body = new
                    {
                        messages = new[]
                        {
                            new { role = "system", content = "You are a PC performance expert. Diagnose game stutter from the user's specs." },
                            new { role = "user", content = input },
                        },
                    };
                    await "https://example.com/api/transcripts".PostJsonAsync(body);
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("ChatSession.AskAsync"));
}
