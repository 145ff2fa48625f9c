using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review74 repro-1 (mkutyba/ai-devs' AddAi, reduced): a fixed model catalog walked with <c>foreach</c> and each entry
/// registered, which reads every value as <c>Models[feature]</c> with a key that is not constant does. Reported: the
/// pair's <c>Value</c>, the second part of <c>foreach (var (key, model) in Models)</c>, and an element of a tuple value
/// deconstructed from <c>pair.Value</c>. Quiet: a loop over a filtered or projected sequence, a dictionary filled
/// elsewhere, a deconstructed local written again, the tuple's other element.
/// </summary>
public class DictionaryLoopModelIdTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;

        """;

    // ai-devs' shape: tuple values, deconstructed from pair.Value, the id registered per provider.
    [Fact]
    public Task A_tuple_catalog_walked_and_deconstructed_reports_the_retired_image_model() =>
        VerifyAsync("#pragma warning disable SKEXP0010 // AddOpenAITextToImage is experimental\n" + Usings + """
            public enum AiModelType { Gpt4o_Mini_202407, Dalle3 }
            public enum AiProvider { OpenAI, OpenAIImage }

            public static class AiModelConfiguration
            {
                public static readonly IReadOnlyDictionary<AiModelType, (string ModelId, AiProvider Provider)> ModelTypes =
                    new Dictionary<AiModelType, (string ModelId, AiProvider Provider)>
                    {
                        { AiModelType.Gpt4o_Mini_202407, ("gpt-5.4-mini-2026-03-17", AiProvider.OpenAI) },
                        { AiModelType.Dalle3, ({|#0:"dall-e-3"|}, AiProvider.OpenAIImage) },
                    };
            }

            public static class ServiceExtensions
            {
                public static IServiceCollection AddAi(this IServiceCollection services, string apiKey)
                {
                    foreach (var type in AiModelConfiguration.ModelTypes)
                    {
                        var (modelId, provider) = type.Value;
                        var serviceId = type.Key.ToString();
                        switch (provider)
                        {
                            case AiProvider.OpenAI:
                                services.AddOpenAIChatCompletion(modelId, apiKey, serviceId: serviceId);
                                break;
                            case AiProvider.OpenAIImage:
                                services.AddOpenAITextToImage(apiKey, modelId: modelId, serviceId: serviceId);
                                break;
                        }
                    }

                    return services;
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("dall-e-3", "2026-05-12", ""));

    // review74's probe: a string catalog walked as pairs, and as deconstructed pairs.
    [Theory]
    [InlineData("foreach (var kv in Models) services.AddOpenAIChatCompletion(kv.Value, key, serviceId: kv.Key);")]
    [InlineData("foreach (KeyValuePair<string, string> kv in Models) { services.AddOpenAIChatCompletion(kv.Value, key, serviceId: kv.Key); }")]
    [InlineData("foreach (var (name, model) in Models) services.AddOpenAIChatCompletion(model, key, serviceId: name);")]
    public Task A_string_catalog_walked_as_pairs_reports_every_value(string loop) =>
        VerifyAsync(Usings + """
            public static class Probe
            {
                static readonly Dictionary<string, string> Models = new() { ["img"] = {|#0:"dall-e-3"|}, ["chat"] = {|#1:"gpt-4o"|}, ["dated"] = "gpt-5.5-2026-04-23" };

                public static void Register(IServiceCollection services, string key)
                {
                    LOOP
                }
            }
            """.Replace("LOOP", loop),
            Diagnostic("AIL0503").WithLocation(0).WithArguments("dall-e-3", "2026-05-12", ""),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    // Quiet twins: the loop walks a filtered sequence or the keys; the catalog is filled elsewhere; the deconstructed
    // local is written again; the slot reads the tuple's other element.
    [Theory]
    [InlineData("foreach (var kv in Models.Where(pair => pair.Key != \"img\")) services.AddOpenAIChatCompletion(kv.Value, key);")]
    [InlineData("foreach (var name in Models.Keys) services.AddOpenAIChatCompletion(name, key);")]
    [InlineData("Models[\"chat\"] = \"gpt-5.5-2026-04-23\"; foreach (var kv in Models) services.AddOpenAIChatCompletion(kv.Value, key);")]
    [InlineData("foreach (var pair in Tuples) { var (id, label) = pair.Value; id = \"gpt-5.5-2026-04-23\"; services.AddOpenAIChatCompletion(id, key); }")]
    [InlineData("foreach (var pair in Tuples) { var (id, label) = pair.Value; services.AddOpenAIChatCompletion(label, key); }")]
    public Task Loops_that_do_not_send_the_catalogs_values_are_quiet(string loop) =>
        VerifyAsync(Usings + """
            public static class Probe
            {
                static readonly Dictionary<string, string> Models = new() { ["img"] = "dall-e-3", ["chat"] = "gpt-4o" };
                static readonly Dictionary<string, (string Id, string Label)> Tuples = new() { ["chat"] = ("gpt-3.5-turbo-0613", "Chat") };

                public static void Register(IServiceCollection services, string key)
                {
                    LOOP
                }
            }
            """.Replace("LOOP", loop));

    // Half-typed loops: a missing collection, an unfinished deconstruction. No crash, nothing reported.
    [Theory]
    [InlineData("foreach (var kv in Modls) services.AddOpenAIChatCompletion(kv.Value, key);")]
    [InlineData("foreach (var (name, model) in ) services.AddOpenAIChatCompletion(model, key);")]
    [InlineData("foreach (var pair in Models) { var (id, ) = pair.Value; services.AddOpenAIChatCompletion(id, key); }")]
    public Task Half_typed_loops_do_not_crash(string loop)
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = Usings + """
                public static class Probe
                {
                    static readonly Dictionary<string, string> Models = new() { ["img"] = "dall-e-3" };
                    public static void Register(IServiceCollection services, string key) { LOOP }
                }
                """.Replace("LOOP", loop),
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
