using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// AIL0301 on the system text of a request sent with RestSharp (read as the HttpClient POST body is): the system prompt
/// a RestRequest carries to api.openai.com is a prompt; the same body sent to the app's own API, or sent as a GET, is not.
/// Flurl's <c>PostStringAsync</c> JSON text is read as <c>StringContent</c>'s.
/// </summary>
public class RestSharpPromptSlotTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Flurl.Http;
        using RestSharp;

        """;

    private static readonly ImmutableArray<MetadataReference> FrameworkAndHttpLibraries = ReferenceAssemblies.FrameworkOnly.AddRange(
        ReferenceAssemblies.Default.Where(r => Path.GetFileName(r.Display ?? "") is var name
            && (name.StartsWith("RestSharp", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Flurl", StringComparison.OrdinalIgnoreCase))));

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = Usings + code, References = FrameworkAndHttpLibraries };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task System_text_sent_with_RestSharp_to_OpenAI_is_a_prompt_and_to_the_apps_api_is_not() =>
        VerifyAsync("""
            public sealed class ChatSession
            {
                private readonly RestClient openAI = new RestClient(new RestClientOptions("https://api.openai.com/v1"));
                private readonly RestClient own = new RestClient("https://example.com/api");

                public async Task<string?> AskAsync(string input)
                {
                    var request = new RestRequest("chat/completions", Method.Post);
                    request.AddJsonBody(new
                    {
                        model = "gpt-4o-mini",
                        messages = new[]
                        {
                            new { role = "system", content = {|#0:"You are a support agent for a bicycle shop. Answer in two sentences."|} },
                            new { role = "user", content = input },
                        },
                    });
                    var response = await openAI.ExecuteAsync(request);
                    return response.Content;
                }

                public async Task SaveAsync(string input)
                {
                    var body = new
                    {
                        messages = new[]
                        {
                            new { role = "system", content = "You are a support agent for a bicycle shop. Answer in two sentences." },
                            new { role = "user", content = input },
                        },
                    };
                    await own.ExecutePostAsync(new RestRequest("transcripts").AddJsonBody(body));
                    await openAI.ExecuteAsync(new RestRequest("chat/completions").AddJsonBody(body));
                }

                public async Task<string> AskTextAsync() =>
                    await (await "https://api.openai.com/v1/chat/completions".PostStringAsync(
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"{|#1:You are a terse assistant for a bicycle shop.|}\"}]}")).GetStringAsync();
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("ChatSession.AskAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("ChatSession.AskTextAsync"));
}
