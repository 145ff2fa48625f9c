using AiLint.Analyzers.Json;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// appsettings*.json read as .NET's JSON configuration provider reads it: <c>JsonConfigurationFileParser</c> parses with
/// comments skipped (<c>//</c> and <c>/* */</c>) and trailing commas allowed, and rejects a root that is not an object
/// and a key set twice. shrnshlm/FromGenerator's appsettings.json ends with a <c>/* Example usage ... */</c> block after
/// the root object: the app loads it, so the ids it sets are the ids sent, and the class defaults it overrides are not.
/// A file the provider rejects (the app stops at startup) adds nothing, as before. Model table files stay strict.
/// </summary>
public class SettingsFileCommentTests
{
    // The settings class of FromGenerator's shape: two defaults, both overridden by the file.
    private const string Options = """
        using Microsoft.Extensions.Options;
        using OpenAI.Chat;

        public class OpenAiSettings
        {
            public string ApiKey { get; set; } = "";
            public string Model { get; set; } = "gpt-4o";
            public string SummaryModel { get; set; } = "gpt-3.5-turbo-0613";
        }

        public class ChatService(IOptions<OpenAiSettings> options)
        {
            public ChatClient Create() => new ChatClient({|#0:options.Value.Model|}, options.Value.ApiKey);
            public ChatClient Summaries() => new ChatClient({|#1:options.Value.SummaryModel|}, options.Value.ApiKey);
        }
        """;

    private static readonly DiagnosticResult[] DefaultsReported =
    {
        Diagnostic("AIL0501").WithLocation(0),
        Diagnostic("AIL0503").WithLocation(1),
    };

    // Before: AIL0501 'gpt-4o' at #0 and AIL0503 'gpt-3.5-turbo-0613' at #1 (the file was skipped as "not valid JSON").
    [Fact]
    public Task A_file_ending_in_a_block_comment_overrides_the_defaults() =>
        VerifyAsync(Options, new[]
        {
            ("appsettings.json", """
                {
                  "OpenAiSettings": {
                    "Model": "gpt-5.2-2025-12-11",
                    "SummaryModel": "gpt-5.4-nano-2026-03-17"
                  }
                }

                /*
                Example request:
                POST /api/chat { "message": "hi" }
                */
                """),
        });

    // Comments inside the object, a comment between a name and its colon, and trailing commas: all read by .NET.
    [Fact]
    public Task Block_comments_anywhere_and_trailing_commas_are_read() =>
        VerifyAsync(Options, new[]
        {
            ("appsettings.json", """
                /* settings for the chat service */ {
                  "OpenAiSettings": {
                    "Model" /* pinned */ : "gpt-5.2-2025-12-11", // the snapshot we evaluated
                    "SummaryModel": /* was "gpt-3.5-turbo" */ "gpt-5.4-nano-2026-03-17",
                  },
                  "Tags": [ "a", "b", ],
                }
                """),
        });

    // Before: nothing (the file was skipped). The retired id the file sets is the id sent.
    [Fact]
    public Task A_retired_id_in_a_file_with_comments_and_trailing_commas_is_reported() =>
        VerifyAsync(Options.Replace("{|#0:", "").Replace("{|#1:", "").Replace("|}", ""), new[]
        {
            ("appsettings.json", """
                {
                  /* the summary model is cheaper */
                  "OpenAiSettings": { "Model": "gpt-5.2-2025-12-11", "SummaryModel": "gpt-4", },
                }
                """),
        },
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 3, 70, 3, 77));

    // FromGenerator itself: no SDK, a raw POST to Anthropic, the retired id in an appsettings.json that ends with a
    // block comment. Before: nothing.
    [Fact]
    public Task The_raw_post_shape_of_the_public_app_reports_the_files_retired_id() =>
        VerifyWithoutSdkAsync("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Options;

            public class ClaudeSettings
            {
                public string ApiUrl { get; set; } = "https://api.anthropic.com/v1/messages";
                public string Model { get; set; } = "claude-sonnet-4-6";
            }

            public class ClaudeService(HttpClient http, IOptions<ClaudeSettings> options)
            {
                public Task<HttpResponseMessage> AskAsync(string text)
                {
                    var s = options.Value;
                    var body = new { model = s.Model, max_tokens = 100, messages = new[] { new { role = "user", content = text } } };
                    return http.PostAsJsonAsync(s.ApiUrl, body);
                }
            }
            """,
            new[]
            {
                ("appsettings.json", """
                    {
                      "Claude": {
                        "ApiUrl": "https://api.anthropic.com/v1/messages",
                        "Model": "claude-3-5-sonnet-20241022"
                      }
                    }

                    /*
                    Example request: { "message": "hi" }
                    */
                    """),
            },
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 4, 14, 4, 42));

    // Quiet twins: files .NET's provider rejects (a comment left open, an empty member, two commas, a key set twice in
    // any case, an array at the root) add nothing, so the defaults stay reported and their own retired ids are not.
    [Theory]
    [InlineData("""{ "OpenAiSettings": { "Model": "gpt-4", "SummaryModel": "gpt-4" } } /* unfinished""")]
    [InlineData("""{ "OpenAiSettings": { "Model": "gpt-4", /* unfinished "SummaryModel": "gpt-4" } }""")]
    [InlineData("""{ "OpenAiSettings": { "Model": "gpt-4", "SummaryModel": "gpt-4",, } }""")]
    [InlineData("""{ , "OpenAiSettings": { "Model": "gpt-4", "SummaryModel": "gpt-4" } }""")]
    [InlineData("""{ "OpenAiSettings": { "Model": "gpt-4", "SummaryModel": "gpt-4", "model": "gpt-4" } }""")]
    [InlineData("""{ "OpenAiSettings": { "Model": "gpt-4" }, "openaisettings": { "model": "gpt-4", "SummaryModel": "gpt-4" } }""")]
    [InlineData("""[ { "OpenAiSettings": { "Model": "gpt-4", "SummaryModel": "gpt-4" } } ]""")]
    [InlineData("""{ "OpenAiSettings": { "Model": "gpt-4", "SummaryModel": "gpt-4" } } / """)]
    [InlineData("""{ "OpenAiSettings": { "Model": "gpt-4", "SummaryModel": "gpt-4", } """)]
    public Task Files_dotnet_rejects_add_nothing(string content) =>
        VerifyAsync(Options, new[] { ("appsettings.json", content) }, DefaultsReported);

    // A section repeated with different keys is one section to .NET (no key set twice): both files' keys count.
    [Fact]
    public Task A_section_repeated_with_other_keys_is_read() =>
        VerifyAsync(Options, new[]
        {
            ("appsettings.json", """{ "OpenAiSettings": { "Model": "gpt-5.2-2025-12-11" }, "OpenAiSettings": { "SummaryModel": "gpt-5.4-nano-2026-03-17" } }"""),
        });

    // Half-typed code beside a commented settings file: no crash, the error-typed read gives nothing, the complete
    // read still follows the file.
    [Fact]
    public Task Half_typed_code_beside_a_commented_file_does_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = """
                using Microsoft.Extensions.Options;
                using OpenAI.Chat;
                public class OpenAiSettings { public string Model { get; set; } = "gpt-4o"; public Missing Other { get; set; } = "gpt-4"; }
                public class ChatService(IOptions<OpenAiSettings> options)
                {
                    public ChatClient A() => new ChatClient(options.Value.Other, );
                    public ChatClient B() => new ChatClient(options.Value.Model, "key");
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        test.AdditionalFiles.Add(("appsettings.json", "{ \"OpenAiSettings\": { \"Model\": \"gpt-5.2-2025-12-11\", /* */ }, } /* end */"));
        return test.RunAsync();
    }

    // The model table file keeps the contract's grammar: `//` comments only, no block comments, no trailing commas.
    [Theory]
    [InlineData("{ \"models\": [] } /* team table */", "the file is not valid JSON: unexpected text after the JSON value")]
    [InlineData("{ \"models\": [], }", "the file is not valid JSON: expected a property name in double quotes")]
    public Task Model_table_files_stay_strict(string content, string message) =>
        VerifyAsync(
            "class C { }",
            new[] { ("models/team.ailint-models.json", content) },
            Diagnostic("AIL0506").WithLocation("models/team.ailint-models.json", 1).WithArguments(message));

    // The reader itself: what the configuration grammar adds, and what it still refuses.
    [Theory]
    [InlineData("{ \"a\": 1, }", true)]
    [InlineData("{ \"a\": [1, 2,], }", true)]
    [InlineData("/**/{/* x */\"a\"/**/:/**/1/***/}/* y */", true)]
    [InlineData("{ \"a\": \"/* not a comment */\" }", true)]
    [InlineData("{ \"a\": 1 } // end", true)]
    [InlineData("{ \"a\": [,] }", false)]
    [InlineData("{ \"a\": [1,,] }", false)]
    [InlineData("{ \"a\": 1 } /* open", false)]
    [InlineData("{ \"a\": 1 } /", false)]
    [InlineData("{ \"a\": 01 }", false)]
    [InlineData("{ \"a\": 1, \"A\": 2 }", false)]
    [InlineData("{ \"a\": { \"b\": 1 }, \"A\": { \"B\": 2 } }", false)]
    [InlineData("{ \"a\": {}, \"A\": 1 }", false)]
    [InlineData("{ \"a\": 1, \"A\": {} }", true)]
    [InlineData("{ \"a\": [1], \"a\": [] }", true)]
    [InlineData("\"text\"", false)]
    [InlineData("", false)]
    public void The_configuration_grammar_is_the_providers(string content, bool loads) =>
        Assert.Equal(loads, ConfigurationJson.Parse(content) != null);
}
