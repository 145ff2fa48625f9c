using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A string field its constructor fixes (review52 N1, WebFindLove's OpenAIChatService:
/// <c>_chatAIModel = string.IsNullOrWhiteSpace(options.ChatModel) ? "gpt-4o-mini" : options.ChatModel;</c> then
/// <c>client.GetChatClient(_chatAIModel)</c>; the very common <c>_model = configuration["OpenAI:Model"] ?? "gpt-4o";</c>):
/// a <c>readonly</c> or private field every constructor assigns once, unconditionally, and nothing else writes is read
/// at a model slot of its type as a local's initializer is, each constant branch reported once where it is written.
/// Quiet twins: the configured value alone, a field also written in a method, under a condition or by <c>ref</c>, a
/// public mutable field, a field with an attribute, a constructor that leaves it unset, a read before the write.
/// </summary>
public class ConstructorFieldModelIdTests
{
    private const string Header = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Options;
        using OpenAI;
        using OpenAI.Chat;

        public class OpenAIOptions
        {
            public string ApiKey { get; set; } = "";
            public string? ChatModel { get; set; }
            public string? Model { get; set; }
        }

        """;

    // WebFindLove's shape: the choice assigned in the constructor, read on the next line.
    [Fact]
    public Task A_choice_assigned_in_the_constructor_and_read_there_is_reported_on_the_constant() =>
        VerifyAsync(Header + """
            public class OpenAIChatService
            {
                private readonly OpenAIOptions _openAIOptions;
                private readonly string _chatAIModel;
                private readonly ChatClient _chatClient;

                public OpenAIChatService(IOptions<OpenAIOptions> options)
                {
                    _openAIOptions = options.Value;
                    var apiKey = _openAIOptions.ApiKey;
                    _chatAIModel = string.IsNullOrWhiteSpace(_openAIOptions.ChatModel)
                        ? {|#0:"gpt-4o-mini"|}
                        : _openAIOptions.ChatModel;
                    var client = new OpenAIClient(apiKey);
                    _chatClient = client.GetChatClient(_chatAIModel);
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    // The configuration fallback, read in other methods (twice: one diagnostic), and the options fallback; `this.` too.
    [Fact]
    public Task A_fallback_assigned_in_the_constructor_and_read_in_methods_is_reported_once() =>
        VerifyAsync(Header + """
            public class Summarizer
            {
                private readonly OpenAIClient _client;
                private readonly string _model;

                public Summarizer(IConfiguration configuration, OpenAIClient client)
                {
                    _client = client;
                    _model = configuration["OpenAI:Model"] ?? {|#0:"gpt-4o"|};
                }

                public ChatClient Chat() => _client.GetChatClient(_model);
                public ChatClient Again() => _client.GetChatClient(this._model);
            }

            public class Writer
            {
                private readonly OpenAIClient _client;
                private string _model;

                public Writer(IOptions<OpenAIOptions> options, OpenAIClient client)
                {
                    _client = client;
                    this._model = options.Value.Model ?? {|#1:"gpt-4"|};
                }

                public ChatClient Chat() => _client.GetChatClient(_model);
            }
            """,
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1));

    // Twin: the settings file sets the key, so the fallback never runs (the value in the file is checked there).
    [Fact]
    public Task A_configured_keys_fallback_in_the_constructor_is_quiet_when_the_settings_file_sets_it() =>
        VerifyAsync(Header + """
            public class Summarizer
            {
                private readonly OpenAIClient _client;
                private readonly string _model;

                public Summarizer(IConfiguration configuration, OpenAIClient client)
                {
                    _client = client;
                    _model = configuration["OpenAI:Model"] ?? "gpt-4o";
                }

                public ChatClient Chat() => _client.GetChatClient(_model);
            }
            """,
            new[] { ("appsettings.json", """{ "OpenAI": { "Model": "gpt-5.4-2026-03-05" } }""") });

    // Each constructor's constant is the id some instance sends: each is reported. A constructor chaining to another
    // with `: this(...)` leaves the field to it.
    [Fact]
    public Task Each_constructors_constant_is_reported() =>
        VerifyAsync(Header + """
            public class Tiered
            {
                private readonly OpenAIClient _client;
                private readonly string _model;

                public Tiered(OpenAIClient client)
                {
                    _client = client;
                    _model = {|#0:"gpt-4o-mini"|};
                }

                public Tiered(OpenAIClient client, bool deep)
                {
                    _client = client;
                    _model = deep ? {|#1:"gpt-4o"|} : {|#2:"gpt-4-32k"|};
                }

                public Tiered(string key) : this(new OpenAIClient(key)) { }

                public ChatClient Chat() => _client.GetChatClient(_model);
            }
            """,
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0501").WithLocation(1),
            Diagnostic("AIL0503").WithLocation(2));

    // Twins: the configured value alone; a field a method writes again; one written under a condition, by ref, in a
    // lambda; a public mutable field; a field with an attribute; a second constructor that leaves it unset.
    [Fact]
    public Task Fields_the_constructor_does_not_fix_are_quiet() =>
        VerifyAsync(Header + """
            public class Configured
            {
                private readonly OpenAIClient _client;
                private readonly string _model;
                public Configured(IOptions<OpenAIOptions> options, OpenAIClient client) { _client = client; _model = options.Value.Model!; }
                public ChatClient Chat() => _client.GetChatClient(_model);
            }

            public class WrittenAgain
            {
                private readonly OpenAIClient _client;
                private string _model;
                public WrittenAgain(OpenAIClient client) { _client = client; _model = "gpt-4o"; }
                public void Use(string model) => _model = model;
                public ChatClient Chat() => _client.GetChatClient(_model);
            }

            public class Conditional
            {
                private readonly OpenAIClient _client;
                private readonly string _model;
                public Conditional(OpenAIClient client, string? configured)
                {
                    _client = client;
                    if (configured == null) { _model = "gpt-4o"; } else { _model = configured; }
                }
                public ChatClient Chat() => _client.GetChatClient(_model);
            }

            public class ByRef
            {
                private readonly OpenAIClient _client;
                private string _model;
                public ByRef(OpenAIClient client) { _client = client; _model = "gpt-4o"; }
                public void Swap(string model) => Interlocked.Exchange(ref _model, model);
                public ChatClient Chat() => _client.GetChatClient(_model);
            }

            public class Public
            {
                private readonly OpenAIClient _client;
                public string Model;
                public Public(OpenAIClient client) { _client = client; Model = "gpt-4o"; }
                public ChatClient Chat() => _client.GetChatClient(Model);
            }

            public sealed class SettingAttribute : Attribute { }

            public class Attributed
            {
                private readonly OpenAIClient _client;
                [Setting] private readonly string _model;
                public Attributed(OpenAIClient client) { _client = client; _model = "gpt-4o"; }
                public ChatClient Chat() => _client.GetChatClient(_model);
            }

            public class Unset
            {
                private readonly OpenAIClient _client;
                private readonly string _model;
                public Unset(OpenAIClient client) { _client = client; _model = "gpt-4o"; }
                public Unset(OpenAIClient client, int retries) { _client = client; }
                public ChatClient Chat() => _client.GetChatClient(_model);
            }
            """);

    // Read in the constructor before the write, the slot gets null: quiet. Written in a lambda: quiet.
    [Fact]
    public Task A_read_before_the_write_and_a_write_in_a_lambda_are_quiet() =>
        VerifyAsync(Header + """
            public class Early
            {
                private readonly ChatClient _chat;
                private readonly string _model;
                public Early(OpenAIClient client)
                {
                    _chat = client.GetChatClient(_model);
                    _model = "gpt-4o";
                }
            }

            public class Deferred
            {
                private readonly OpenAIClient _client;
                private string _model;
                public Deferred(OpenAIClient client)
                {
                    _client = client;
                    _model = "gpt-4o";
                    Action reset = () => _model = "gpt-4o-mini";
                }
                public ChatClient Chat() => _client.GetChatClient(_model);
            }
            """);

    // A constructor parameter stored as it is keeps the page's rule: its default is reported, once.
    [Fact]
    public Task A_stored_constructor_parameter_is_reported_on_its_default_once() =>
        VerifyAsync(Header + """
            public class Stored
            {
                private readonly OpenAIClient _client;
                private readonly string _model;
                public Stored(OpenAIClient client, string model = {|#0:"gpt-4o"|}) { _client = client; _model = model; }
                public ChatClient Chat() => _client.GetChatClient(_model);
            }

            public class Required
            {
                private readonly OpenAIClient _client;
                private readonly string _model;
                public Required(OpenAIClient client, string model) { _client = client; _model = model; }
                public ChatClient Chat() => _client.GetChatClient(_model);
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    // A raw body reads the field as an SDK slot does (RawHttpModelIds hands the value to the same reading).
    [Fact]
    public Task A_constructor_field_posted_in_a_raw_body_is_reported() =>
        VerifyAsync(Header + """
            public class RawCoach
            {
                private readonly HttpClient _http;
                private readonly string _model;

                public RawCoach(HttpClient http, IOptions<OpenAIOptions> options)
                {
                    _http = http;
                    _model = string.IsNullOrWhiteSpace(options.Value.ChatModel) ? {|#0:"gpt-4o-mini"|} : options.Value.ChatModel.Trim();
                }

                public Task<HttpResponseMessage> Ask(string text) =>
                    _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { text } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    [Fact]
    public async Task Half_typed_constructors_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Header + """
                public class Broken
                {
                    private readonly OpenAIClient _client;
                    private readonly string _model;
                    public Broken(OpenAIClient client)
                    {
                        _client = client;
                        _model = Unknown.Pick() ?? {|#0:"gpt-4o"|};
                    }
                    public ChatClient Chat() => _client.GetChatClient(_model);
                }

                public class Missing
                {
                    private readonly OpenAIClient _client;
                    private readonly string _model;
                    public Missing(OpenAIClient client)
                    {
                        _client = client;
                        _model = ;
                    }
                    public ChatClient Chat() => _client.GetChatClient(_model, );
                }

                public class NoBody
                {
                    private readonly OpenAIClient _client;
                    private readonly string _model;
                    public NoBody(OpenAIClient client)
                    public ChatClient Chat() => _client.GetChatClient(_model);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0501").WithLocation(0));
        await test.RunAsync();
    }
}
