using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A settings default that an options lambda always overwrites (the shape of a public API's Program.cs:
/// <c>builder.Services.Configure&lt;OpenAiOptions&gt;(options =&gt; { options.ChatModel =
/// Environment.GetEnvironmentVariable("OPENAI_CHAT_MODEL") ?? "gpt-3.5-turbo"; })</c> over
/// <c>public string ChatModel { get; set; } = "gpt-4o-mini";</c>, read by <c>new ChatClient(_options.ChatModel, key)</c>).
/// The declared default never reaches a request; the lambda's fallback does on every run without the variable. So the
/// default is not reported, the written value is, at the slot's read. A write the lambda may skip leaves both unsure.
/// </summary>
public class ConfigureLambdaSettingsTests
{
    private const string Options = """
        namespace Api.Options;

        public class OpenAiOptions
        {
            public string ChatModel { get; set; } = "gpt-4o-mini";
            public string ChatModelSmall { get; set; } = "gpt-5-nano";
            public string ChatModelLarge { get; set; } = "gpt-5-mini";
        }
        """;

    private const string Service = """
        using System;
        using Microsoft.Extensions.Options;
        using OpenAI.Chat;

        namespace Api.Services;

        public class AnswerService
        {
            private readonly Api.Options.OpenAiOptions _options;
            public AnswerService(IOptions<Api.Options.OpenAiOptions> options) => _options = options.Value;

            public ChatClient Small() => new ChatClient({|#0:_options.ChatModelSmall|}, Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
            public ChatClient Chat() => new ChatClient({|#1:_options.ChatModel|}, Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
            public ChatClient Large() => new ChatClient({|#2:_options.ChatModelLarge|}, Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
        }
        """;

    private static string Program(string configure) => $$"""
        using System;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Api.Options;

        var builder = Host.CreateApplicationBuilder(args);
        {{configure}}
        builder.Services.AddSingleton<Api.Services.AnswerService>();
        builder.Build().Run();
        """;

    private static Task VerifyAsync(string program, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { OutputKind = OutputKind.ConsoleApplication };
        test.TestState.Sources.Add(("Program.cs", program));
        test.TestState.Sources.Add(("OpenAiOptions.cs", Options));
        test.TestState.Sources.Add(("AnswerService.cs", Service));
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyAsync(string program, params DiagnosticResult[] expected) =>
        VerifyAsync(program, Array.Empty<(string, string)>(), expected);

    private static DiagnosticResult LargeDefault => Diagnostic("AIL0502").WithLocation(2).WithArguments("gpt-5-mini", "2026-12-11", "");

    private const string Repro = """
        builder.Services.Configure<OpenAiOptions>(options =>
        {
            options.ChatModel = Environment.GetEnvironmentVariable("OPENAI_CHAT_MODEL")
                ?? "gpt-3.5-turbo";
            options.ChatModelSmall = Environment.GetEnvironmentVariable("OPENAI_SMALL_MODEL")
                ?? "gpt-5.4-nano-2026-03-17";
        });
        """;

    // The repro: ChatModel sends the retired fallback, not its floating default; ChatModelSmall sends a pinned
    // snapshot, not its deprecated default; ChatModelLarge, never written, still sends its default.
    [Fact]
    public Task An_unconditional_Configure_write_replaces_the_default_and_its_fallback_is_read_at_the_slot() =>
        VerifyAsync(
            Program(Repro),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            LargeDefault);

    [Theory]
    [InlineData("builder.Services.PostConfigure<OpenAiOptions>(o => { o.ChatModel = Environment.GetEnvironmentVariable(\"M\") ?? \"gpt-3.5-turbo\"; o.ChatModelSmall = \"gpt-5.4-nano-2026-03-17\"; });")]
    [InlineData("builder.Services.AddOptions<OpenAiOptions>().Configure(o => { o.ChatModel = Environment.GetEnvironmentVariable(\"M\") ?? \"gpt-3.5-turbo\"; o.ChatModelSmall = \"gpt-5.4-nano-2026-03-17\"; });")]
    [InlineData("builder.Services.AddOptions<OpenAiOptions>().ValidateOnStart().PostConfigure(o => { o.ChatModel = Environment.GetEnvironmentVariable(\"M\") is { } m ? m : \"gpt-3.5-turbo\"; o.ChatModelSmall = \"gpt-5.4-nano-2026-03-17\"; });")]
    [InlineData("builder.Services.ConfigureAll<OpenAiOptions>(o => { o.ChatModel = Environment.GetEnvironmentVariable(\"M\") ?? \"gpt-3.5-turbo\"; o.ChatModelSmall = \"gpt-5.4-nano-2026-03-17\"; });")]
    public Task PostConfigure_and_an_options_builders_Configure_replace_the_default_too(string configure) =>
        VerifyAsync(
            Program(configure),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            LargeDefault);

    // Quiet twin: the lambda writes only a pinned id, from the variable or not: nothing for the written properties.
    [Fact]
    public Task A_pinned_write_is_quiet_and_the_default_it_replaces_is_not_reported() =>
        VerifyAsync(
            Program("builder.Services.Configure<OpenAiOptions>(o => { o.ChatModel = Environment.GetEnvironmentVariable(\"M\") ?? \"gpt-5.2-2025-12-11\"; o.ChatModelSmall = \"gpt-5.4-nano-2026-03-17\"; });"),
            LargeDefault);

    // A write the lambda may skip: the default is sent on some runs, the write on others; neither is sure.
    [Theory]
    [InlineData("builder.Services.Configure<OpenAiOptions>(o => { if (Environment.GetEnvironmentVariable(\"M\") is { } m) { o.ChatModel = m; o.ChatModelSmall = \"gpt-3.5-turbo\"; } });")]
    [InlineData("builder.Services.Configure<OpenAiOptions>(o => { if (builder.Environment.IsDevelopment()) return; o.ChatModel = \"gpt-3.5-turbo\"; o.ChatModelSmall = \"gpt-3.5-turbo\"; });")]
    [InlineData("builder.Services.Configure<OpenAiOptions>(\"fast\", o => { o.ChatModel = \"gpt-3.5-turbo\"; o.ChatModelSmall = \"gpt-3.5-turbo\"; });")]
    [InlineData("builder.Services.AddOptions<OpenAiOptions>(\"fast\").Configure(o => { o.ChatModel = \"gpt-3.5-turbo\"; o.ChatModelSmall = \"gpt-3.5-turbo\"; });")]
    public Task A_write_the_lambda_may_skip_reports_neither_the_default_nor_the_write(string configure) =>
        VerifyAsync(Program(configure), LargeDefault);

    // Quiet twin: a lambda that writes other properties leaves the defaults as they were (all three reported).
    [Fact]
    public Task A_lambda_writing_other_properties_keeps_the_defaults() =>
        VerifyAsync(
            Program("builder.Services.Configure<OpenAiOptions>(o => { var unused = o.ChatModel; });"),
            Diagnostic("AIL0502").WithLocation(0).WithArguments("gpt-5-nano", "2026-12-11", ""),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer),
            LargeDefault);

    // A Configure that binds a section is not a write: the defaults stay, overridden only where the files set the key.
    [Fact]
    public Task A_Configure_that_binds_a_section_keeps_the_existing_reading() =>
        VerifyAsync(
            Program("builder.Services.Configure<OpenAiOptions>(builder.Configuration.GetSection(\"OpenAI\"));"),
            new[] { ("appsettings.json", """{ "OpenAI": { "ChatModel": "gpt-5.2-2025-12-11" } }""") },
            Diagnostic("AIL0502").WithLocation(0).WithArguments("gpt-5-nano", "2026-12-11", ""),
            LargeDefault);

    // The files set the key a lambda also writes: which runs last is registration order; the write is not reported.
    [Fact]
    public Task A_write_of_a_key_the_settings_files_set_is_not_read() =>
        VerifyAsync(
            Program(Repro),
            new[] { ("appsettings.json", """{ "OpenAI": { "ChatModel": "gpt-5.2-2025-12-11", "ChatModelSmall": "gpt-5.2-2025-12-11" } }""") },
            LargeDefault);

    // Several slots reading one settings default: each diagnostic is located at its own slot's read (the default may
    // be overridden per slot by a fallback or a choice there), not at the default, so none is a copy of another.
    [Fact]
    public Task Each_slot_reading_one_default_is_reported_at_its_own_read()
    {
        var test = new AnalyzerTest<ModelAnalyzer> { OutputKind = OutputKind.ConsoleApplication };
        test.TestState.Sources.Add(("Program.cs", Program(string.Empty)));
        test.TestState.Sources.Add(("OpenAiOptions.cs", Options));
        test.TestState.Sources.Add(("AnswerService.cs", """
            using System;
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;

            namespace Api.Services;

            public class AnswerService(IOptions<Api.Options.OpenAiOptions> options)
            {
                public ChatClient One() => new ChatClient({|#0:options.Value.ChatModelLarge|}, "key");
                public ChatClient Two() => new ChatClient({|#1:options.Value.ChatModelLarge|}, "key");
            }
            """));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0502").WithLocation(0).WithArguments("gpt-5-mini", "2026-12-11", ""));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0502").WithLocation(1).WithArguments("gpt-5-mini", "2026-12-11", ""));
        return test.RunAsync();
    }

    // Half-typed lambdas: no crash, nothing for the garbage.
    [Fact]
    public Task Half_typed_Configure_lambdas_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer> { OutputKind = OutputKind.ConsoleApplication };
        test.TestState.Sources.Add(("Program.cs", Program("""
            builder.Services.Configure<OpenAiOptions>(o => { o.ChatModel = ; o.ChatModelSmall = });
            builder.Services.Configure<OpenAiOptions>(o => o.);
            builder.Services.Configure<>(o => { o.ChatModel = "gpt-3.5-turbo"; });
            builder.Services.AddOptions<OpenAiOptions>().Configure(;
            builder.Services.PostConfigure<NoSuchOptions>(o => { o.ChatModel = "gpt-3.5-turbo"; });
            """)));
        test.TestState.Sources.Add(("OpenAiOptions.cs", Options));
        test.TestState.Sources.Add(("AnswerService.cs", System.Text.RegularExpressions.Regex.Replace(Service, @"\{\|#[01]:([^|]*)\|\}", "$1")));
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        // The property never written still sends its default; the half-typed writes give nothing.
        test.ExpectedDiagnostics.Add(LargeDefault);
        return test.RunAsync();
    }
}
