using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review65 FP1 (DmitryLukyanov/AiTelegramBot MyCvPlugin.cs, QuizBotBlugin.cs): a constant given to
/// <c>new PromptTemplateConfig(template: query)</c> that only Semantic Kernel's template factory renders
/// (<c>factory.Create(config).RenderAsync(kernel, args)</c>) and whose rendered text is a vector-store search query, or
/// unused, never reaches a model. The config is a prompt slot only where it reaches one (CreateFunctionFromPrompt, an
/// agent); the rendered text is a prompt only where it reaches a slot, and then its template is the prompt.
/// </summary>
public class RenderedTemplateConfigTests
{
    private const string Store = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        namespace Bot;
        public sealed class KeywordStore
        {
            public Task<IEnumerable<string>> Search(string collection, string query) => Task.FromResult<IEnumerable<string>>(new[] { query });
        }

        """;

    // The repro's first two methods: a search query, and a rendering nobody reads.
    [Fact]
    public Task A_template_only_rendered_for_a_search_query_or_unused_is_not_a_prompt() =>
        VerifyAsync(
            Store + """
            public sealed class CvPlugin(KeywordStore store, Kernel kernel)
            {
                private readonly IPromptTemplateFactory _promptTemplateFactory = new KernelPromptTemplateFactory();

                public async Task<string> GetAsync(KernelArguments arguments)
                {
                    var query = @"Provide all information from the cv";
                    var renderedQuery = await _promptTemplateFactory.Create(new PromptTemplateConfig(template: query)).RenderAsync(kernel, arguments);
                    var results = await store.Search("myCvMemory", renderedQuery);
                    return string.Join('\n', results);
                }

                public async Task<string> GamesAsync(KernelArguments arguments)
                {
                    var prompt = @"Provide all information about current and upcoming quiz games";
                    var rendered = await _promptTemplateFactory.Create(new PromptTemplateConfig(template: prompt)).RenderAsync(kernel, arguments);
                    return "static schedule";
                }
            }
            """);

    // The same config held in a local, set in its initializer or by a statement, or given to TryCreate.
    [Fact]
    public Task A_config_held_in_a_local_and_only_given_to_the_factory_is_not_a_prompt() =>
        VerifyAsync(
            Store + """
            public sealed class Lookup(KeywordStore store, Kernel kernel, IPromptTemplateFactory factory)
            {
                public async Task<IEnumerable<string>> ByTopicAsync(KernelArguments arguments)
                {
                    var config = new PromptTemplateConfig { Template = "Always list the projects about {{$topic}} first", Name = "query" };
                    var template = factory.Create(config);
                    return await store.Search("projects", await template.RenderAsync(kernel, arguments));
                }

                public async Task<IEnumerable<string>> ByOwnerAsync(KernelArguments arguments)
                {
                    var config = new PromptTemplateConfig();
                    config.Template = "You must find every document owned by {{$owner}}";
                    if (!factory.TryCreate(config, out var template))
                    {
                        return new string[0];
                    }

                    return await store.Search("documents", await template!.RenderAsync(kernel, arguments));
                }
            }
            """);

    // The twin that stays reported: the config reaches a model through a prompt function.
    [Fact]
    public Task A_config_given_to_CreateFunctionFromPrompt_is_still_a_prompt() =>
        VerifyAsync(
            Store + """
            public sealed class CvPlugin(Kernel kernel, IPromptTemplateFactory factory)
            {
                public async Task<string> SummaryAsync(KernelArguments arguments)
                {
                    var prompt = {|#0:@"Summarize the candidate's experience in three bullet points"|};
                    var function = kernel.CreateFunctionFromPrompt(new PromptTemplateConfig(template: prompt));
                    var result = await kernel.InvokeAsync(function, arguments);
                    return result.ToString();
                }

                // Given to the factory AND to a prompt function: it reaches a model.
                public async Task<string> BothAsync(KernelArguments arguments)
                {
                    var config = new PromptTemplateConfig { Template = {|#1:"You are a recruiter. Never reveal the candidate's salary."|} };
                    var preview = await factory.Create(config).RenderAsync(kernel, arguments);
                    var result = await kernel.InvokeAsync(KernelFunctionFactory.CreateFromPrompt(config), arguments);
                    return preview + result;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Bot.CvPlugin.SummaryAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Bot.CvPlugin.BothAsync"));

    // Rendered text that does reach a system slot: its template is the prompt, in place or through locals.
    [Fact]
    public Task Rendered_text_given_to_a_system_message_is_a_prompt_by_its_template() =>
        VerifyAsync(
            Store + """
            public sealed class Coach(Kernel kernel, IPromptTemplateFactory factory)
            {
                private const string {|#0:Persona|} = "You are a tennis coach for {{$player}}. Always answer in two sentences.";

                public async Task<ChatHistory> StartAsync(KernelArguments arguments)
                {
                    var history = new ChatHistory();
                    history.AddSystemMessage(await factory.Create(new PromptTemplateConfig(template: Persona)).RenderAsync(kernel, arguments));
                    return history;
                }

                public async Task<ChatHistory> ResumeAsync(KernelArguments arguments)
                {
                    var template = factory.Create(new PromptTemplateConfig { Template = {|#1:"You are a match analyst. Never guess a score."|} });
                    var rendered = await template.RenderAsync(kernel, arguments);
                    return new ChatHistory(rendered);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Bot.Coach.Persona"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Bot.Coach.ResumeAsync"));
}
