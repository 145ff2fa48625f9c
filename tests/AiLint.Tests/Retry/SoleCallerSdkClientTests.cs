using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0003 for an SDK client that reaches the retry loop as a parameter of a local function or a private method whose
/// only call in the compilation passes a client built in view with its retries on (a console tool's top-level program
/// builds the client and hands it to the local function that retries). Any other caller, a method group, a method others
/// can call, or a parameter written in the body keeps it quiet: the client may then be another one.
/// </summary>
public class SoleCallerSdkClientTests
{
    private const string Id = "AIL0003";

    private const string AzureUsings = Usings + """
        using Azure.AI.OpenAI;

        """;

    private static DiagnosticResult Multiplied(string provider, string requests, int location = 0) =>
        Diagnostic(Id).WithLocation(location).WithArguments("CompleteChatAsync", "for loop", provider, "3 retries by default", requests);

    /// <summary>The question generator's loop: four attempts, any exception retried.</summary>
    private static string Generator(string name, string header, string call) => $$"""
        {{header}} async Task<string?> {{name}}(ChatClient chatClient, string subtopic)
        {
            const int maxRetries = 3;
            for (int attempt = 0; attempt <= maxRetries; attempt++)
            {
                try
                {
                    var response = await chatClient.{{call}}([new UserChatMessage($"Write an exam question about '{subtopic}'.")]);
                    return response.Value.Content[0].Text;
                }
                catch (Exception ex) when (attempt < maxRetries)
                {
                    Console.WriteLine($"Error: {ex.Message}. Retrying...");
                    await Task.Delay(1000);
                }
            }

            return null;
        }
        """;

    private static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = AzureUsings + source,
            MarkupDiagnosticId = Id,
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // ---- Reported ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Top_level_client_passed_to_the_local_function_that_retries() => VerifyProgramAsync(
        """
        var azure = new AzureOpenAIClient(new Uri(args[0]), new ApiKeyCredential(args[1]));
        var chatClient = azure.GetChatClient(args[2]);

        Console.WriteLine(await GenerateQuestion(chatClient, "Cloud Concepts"));

        """ + Generator("GenerateQuestion", "", "{|AIL0001:{|#0:CompleteChatAsync|}|}"),
        Multiplied("Azure OpenAI", "4 × 4 = 16 requests"));

    [Fact]
    public Task Client_built_in_a_method_and_passed_to_its_one_private_helper() => RetryTestSupport.VerifyAsync(
        Id,
        Usings + """
        public sealed class QuestionWriter
        {
            public async Task<string?> WriteAsync(string apiKey, string subtopic)
            {
                var chat = new ChatClient("gpt-4o-mini", apiKey);
                return await AskWithRetries(chat, subtopic);
            }

        """ + Generator("AskWithRetries", "private static", "{|AIL0001:{|#0:CompleteChatAsync|}|}") + """
        }
        """,
        Multiplied("OpenAI", "4 × 4 = 16 requests"));

    // ---- Not reported --------------------------------------------------------------------------------------------

    [Fact]
    public Task Local_function_with_two_callers_or_a_client_with_retries_off_is_quiet() => VerifyProgramAsync(
        """
        var chatClient = new AzureOpenAIClient(new Uri(args[0]), new ApiKeyCredential(args[1])).GetChatClient(args[2]);
        var quiet = new AzureOpenAIClient(new Uri(args[0]), new ApiKeyCredential(args[1]), new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) }).GetChatClient(args[2]);

        // Two calls: either client may be the one the loop retries.
        Console.WriteLine(await GenerateQuestion(chatClient, "Cloud Concepts"));
        Console.WriteLine(await GenerateQuestion(quiet, "Security"));

        // One call, with the SDK's retries turned off.
        Console.WriteLine(await OffQuestion(quiet, "Pricing"));

        """ + Generator("GenerateQuestion", "", "{|AIL0001:CompleteChatAsync|}") + Generator("OffQuestion", "", "{|AIL0001:CompleteChatAsync|}"));

    [Fact]
    public Task Public_method_method_group_written_parameter_and_injected_client_are_quiet() => RetryTestSupport.VerifyAsync(
        Id,
        Usings + """
        public sealed class QuestionWriter(ChatClient injected)
        {
            public async Task<string?> WriteAsync(string apiKey, string subtopic)
            {
                var chat = new ChatClient("gpt-4o-mini", apiKey);
                Func<ChatClient, string, Task<string?>> later = Grouped;
                await later(injected, subtopic);
                await Grouped(chat, subtopic);
                await Overwritten(chat, subtopic);
                await Injected(injected, subtopic);
                return await Public(chat, subtopic);
            }

            private async Task<string?> Overwritten(ChatClient chatClient, string subtopic)
            {
                chatClient = injected;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return (await chatClient.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(subtopic))).Value.Content[0].Text;
                    }
                    catch (Exception) when (attempt < 2)
                    {
                        await Task.Delay(1000);
                    }
                }

                return null;
            }

        """ + Generator("Grouped", "private static", "{|AIL0001:CompleteChatAsync|}")
            + Generator("Injected", "private static", "{|AIL0001:CompleteChatAsync|}")
            + Generator("Public", "public static", "{|AIL0001:CompleteChatAsync|}") + """
        }
        """);

    [Fact]
    public async Task Half_typed_calls_of_the_local_function_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = AzureUsings + """
                var chatClient = new AzureOpenAIClient(new Uri(args[0]), new ApiKeyCredential(args[1])).GetChatClient(args[2]);
                Console.WriteLine(await GenerateQuestion(
                Console.WriteLine(await Missing(chatClient, "x"));

                """ + Generator("GenerateQuestion", "", "{|AIL0001:CompleteChatAsync|}") + """

                async Task<string?> NoCaller(ChatClient chatClient, string subtopic) => (await chatClient.CompleteChatAsync(
                """,
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
