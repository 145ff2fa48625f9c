using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501 on a raw POST whose URL is a field: a field's initializer is the URL the request goes to only
/// when nothing else writes the field. <c>private readonly string _url = "https://api.openai.com/v1/chat/completions";</c>
/// that the constructor replaces with a configured URL (<c>if (settings.Url is { } url) _url = url;</c>), or a mutable
/// field a method points at a local server, sends the body to a server chosen at run time: OpenAI's table does not
/// judge its model id. Twins that stay reported: the initializer alone, a readonly field its constructor writes once
/// with no initializer, a constructor that chains with <c>: this(...)</c> and writes nothing, a static readonly field
/// a static constructor leaves alone, a constructor that writes the same constant again.
/// </summary>
public class OverwrittenUrlFieldModelIdTests
{
    private const string Usings = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;

        public class LlmSettings
        {
            public string? Url { get; set; }
            public string ChatUrl { get; set; } = "";
        }

        """;

    private static Task VerifyNoSdkAsync(string code, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(Usings + code, Array.Empty<(string, string)>(), expected);

    [Fact]
    public Task Readonly_url_field_the_constructor_may_replace_is_not_read_as_its_initializer() =>
        VerifyNoSdkAsync("""
            class ChatService
            {
                private readonly HttpClient http = new HttpClient();
                private readonly string _url = "https://api.openai.com/v1/chat/completions";

                public ChatService(LlmSettings settings)
                {
                    if (settings.Url is { } url)
                    {
                        _url = url;
                    }
                }

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync(_url, new { model = "gpt-4o", messages = new[] { new { role = "user", content = question } } });
            }
            """);

    [Fact]
    public Task Readonly_url_field_the_constructor_always_replaces_is_not_read_as_its_initializer() =>
        VerifyNoSdkAsync("""
            class ChatService
            {
                private readonly HttpClient http = new HttpClient();
                private readonly string _url = "https://api.openai.com/v1/chat/completions";

                public ChatService(LlmSettings settings)
                {
                    _url = settings.ChatUrl;
                }

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync(_url, new { model = "gpt-4o", messages = new[] { new { role = "user", content = question } } });
            }
            """);

    [Fact]
    public Task Mutable_url_field_a_method_reassigns_is_not_read_as_its_initializer() =>
        VerifyNoSdkAsync("""
            class ChatService
            {
                private readonly HttpClient http = new HttpClient();
                private string _url = "https://api.openai.com/v1/chat/completions";

                public void UseServer(string url) => _url = url;

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync(_url, new { model = "gpt-4o", messages = new[] { new { role = "user", content = question } } });
            }
            """);

    // The same through a get-only auto-property: its initializer is the value only when no constructor assigns it.
    [Fact]
    public Task Get_only_url_property_the_constructor_replaces_is_not_read_as_its_initializer() =>
        VerifyNoSdkAsync("""
            class ChatService
            {
                private readonly HttpClient http = new HttpClient();

                public ChatService(LlmSettings settings)
                {
                    if (!string.IsNullOrEmpty(settings.Url))
                    {
                        Url = settings.Url;
                    }
                }

                public string Url { get; } = "https://api.openai.com/v1/chat/completions";

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync(Url, new { model = "gpt-4o", messages = new[] { question } });
            }

            class FixedService
            {
                private readonly HttpClient http = new HttpClient();

                public string Url { get; } = "https://api.openai.com/v1/chat/completions";

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync(Url, new { model = {|#0:"gpt-4o"|}, messages = new[] { question } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    [Fact]
    public Task Url_field_with_only_its_initializer_is_reported_on_the_id() =>
        VerifyNoSdkAsync("""
            class ReadonlyField
            {
                private readonly HttpClient http = new HttpClient();
                private readonly string _url = "https://api.openai.com/v1/chat/completions";

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync(_url, new { model = {|#0:"gpt-4o"|}, messages = new[] { question } });
            }

            class MutableFieldNobodyWrites
            {
                private readonly HttpClient http = new HttpClient();
                private string _url = "https://api.openai.com/v1/chat/completions";

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync(_url, new { model = {|#1:"gpt-4o"|}, messages = new[] { question } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0501").WithLocation(1));

    [Fact]
    public Task Readonly_url_field_written_once_in_the_constructor_without_initializer_is_reported() =>
        VerifyNoSdkAsync("""
            class ChatService
            {
                private readonly HttpClient http;
                private readonly string _url;

                public ChatService(HttpClient http)
                {
                    this.http = http;
                    _url = "https://api.openai.com/v1/chat/completions";
                }

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync(_url, new { model = {|#0:"gpt-4o"|}, messages = new[] { question } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    [Fact]
    public Task Chained_constructor_that_writes_nothing_keeps_the_initializer() =>
        VerifyNoSdkAsync("""
            class ChatService
            {
                private readonly HttpClient http;
                private readonly string _url = "https://api.openai.com/v1/chat/completions";

                public ChatService() : this(new HttpClient())
                {
                }

                public ChatService(HttpClient http)
                {
                    this.http = http;
                }

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync(_url, new { model = {|#0:"gpt-4o"|}, messages = new[] { question } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    [Fact]
    public Task Static_readonly_url_a_static_constructor_leaves_alone_is_reported() =>
        VerifyNoSdkAsync("""
            class ChatService
            {
                private static readonly HttpClient Http;
                private static readonly string Url = "https://api.openai.com/v1/chat/completions";

                static ChatService()
                {
                    Http = new HttpClient();
                }

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    Http.PostAsJsonAsync(Url, new { model = {|#0:"gpt-4o"|}, messages = new[] { question } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    [Fact]
    public Task Constructor_writing_the_same_constant_again_keeps_the_value() =>
        VerifyNoSdkAsync("""
            class ChatService
            {
                private readonly HttpClient http = new HttpClient();
                private readonly string _url = "https://api.openai.com/v1/chat/completions";

                public ChatService(bool reset)
                {
                    if (reset)
                    {
                        _url = "https://api.openai.com/v1/chat/completions";
                    }
                }

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync(_url, new { model = {|#0:"gpt-4o"|}, messages = new[] { question } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    // Half-typed code: the constructor writes a field that does not exist and an undeclared value to the real one.
    [Fact]
    public Task Half_typed_constructor_writes_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                class ChatService
                {
                    private readonly HttpClient http = new HttpClient();
                    private readonly string _url = "https://api.openai.com/v1/chat/completions";

                    public ChatService(LlmSettings settings)
                    {
                        _missing = settings.Url;
                        _url = undeclared
                    }

                    public Task<HttpResponseMessage> AskAsync(string question) =>
                        http.PostAsJsonAsync(_url, new { model = "gpt-4o", messages = new[] { question } });
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
