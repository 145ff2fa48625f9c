using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// AIL0201's per-kernel sum with Semantic Kernel plugins loaded from a prompt directory (review62 item 5:
/// mhabibr02/Project-AI-Intermediate-FGA-Digitalent <c>kernel.ImportPluginFromPromptDirectory("Prompts")</c> with six
/// <c>Prompts/&lt;Function&gt;/skprompt.txt</c> folders, royarin/SemanticKernel
/// <c>kernelBuilder.Plugins.AddFromPromptDirectory("Plugins/Prompts")</c>, both next to class plugins). Semantic Kernel
/// makes one function per direct subfolder holding an <c>skprompt.txt</c>; the AdditionalFiles (AiLint's targets list
/// every <c>skprompt.txt</c>) show those folders, so a constant directory counts them. A directory the code does not
/// spell, or that no AdditionalFile lies in, keeps the count a lower bound.
/// </summary>
public class PromptDirectoryPluginTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using Microsoft.SemanticKernel;

        """;

    private static Task VerifyAsync(string code, string[] promptFiles, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = Usings + code, MarkupDiagnosticId = "AIL0201" };
        test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        foreach (var file in promptFiles)
        {
            test.AdditionalFiles.Add((file, "Suggest {{$count}} things to do in {{$city}}."));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, "");

    /// <summary>A plugin class with <paramref name="count"/> <c>[KernelFunction]</c> methods.</summary>
    private static string Plugin(string name, int count) =>
        $"class {name}\n{{\n"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"    [KernelFunction] public string {name}{i}() => \"{i}\";\n"))
        + "}\n";

    /// <summary><paramref name="count"/> function folders under <paramref name="directory"/>, each with its skprompt.txt.</summary>
    private static string[] Functions(string directory, int count) =>
        Enumerable.Range(1, count).Select(i => $"{directory}/Suggest{i}/skprompt.txt").ToArray();

    // mhabibr02 root/Program.cs: a class plugin and the Prompts directory on one kernel. 15 + 6 = 21, exactly.
    [Fact]
    public Task A_constant_prompt_directory_counts_one_function_per_folder() => VerifyAsync($$"""
        class Startup
        {
            Kernel Build()
            {
                var kernel = {|#0:Kernel.CreateBuilder().Build()|};
                kernel.ImportPluginFromType<TravelPlugin>();
                kernel.ImportPluginFromPromptDirectory("Prompts");
                return kernel;
            }
        }
        {{Plugin("TravelPlugin", 15)}}
        """,
        Functions("Prompts", 6),
        OverCap(0, "21"));

    // royarin KernelWithMultiplePlugins: the builder's Plugins with a nested constant path ("Plugins/Prompts").
    [Fact]
    public Task A_builder_prompt_directory_with_a_nested_path_is_counted() => VerifyAsync($$"""
        class Startup
        {
            Kernel Build()
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.Plugins.AddFromType<CityPlugin>();
                builder.Plugins.AddFromPromptDirectory("Plugins/Prompts");
                return builder.Build();
            }
        }
        {{Plugin("CityPlugin", 18)}}
        """,
        Functions("Plugins/Prompts", 3),
        OverCap(0, "21"));

    // Semantic Kernel's samples: Path.Combine from the working directory, and a relative path out of the build output.
    [Fact]
    public Task A_path_combined_from_the_run_directory_or_out_of_the_build_output_is_counted() => VerifyAsync($$"""
        class Startup
        {
            Kernel Combined()
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromType<TravelPlugin>();
                kernel.ImportPluginFromPromptDirectory(Path.Combine(Directory.GetCurrentDirectory(), "Plugins", "FunPlugin"));
                return kernel;
            }

            Kernel Relative()
            {
                var kernel = {|#1:new Kernel()|};
                kernel.ImportPluginFromType<TravelPlugin>();
                kernel.ImportPluginFromPromptDirectory(@"..\..\..\Plugins\FunPlugin");
                return kernel;
            }
        }
        {{Plugin("TravelPlugin", 15)}}
        """,
        Functions("Plugins/FunPlugin", 6),
        OverCap(0, "21"),
        OverCap(1, "21"));

    // The correct code beside it: the same kernel with its folders at the cap (15 + 5). A folder without skprompt.txt
    // (config.json only) and a prompt two levels down are not functions of the directory, as Semantic Kernel reads it.
    [Fact]
    public Task Only_direct_folders_with_a_prompt_count_and_a_kernel_at_the_cap_is_fine() => VerifyAsync($$"""
        class Startup
        {
            Kernel Build()
            {
                var kernel = Kernel.CreateBuilder().Build();
                kernel.ImportPluginFromType<TravelPlugin>();
                kernel.ImportPluginFromPromptDirectory("Prompts");
                return kernel;
            }
        }
        {{Plugin("TravelPlugin", 15)}}
        """,
        Functions("Prompts", 5).Concat(new[] { "Prompts/Nested/Deeper/skprompt.txt", "Prompts/Settings/config.json" }).ToArray());

    // A directory from a parameter, or one no AdditionalFile lies in, adds nothing: quiet under the cap, and the class
    // plugins alone over it still report "at least".
    [Fact]
    public Task A_directory_the_code_does_not_spell_or_the_files_do_not_show_keeps_a_lower_bound() => VerifyAsync($$"""
        class Startup
        {
            Kernel FromParameter(string promptsPath)
            {
                var kernel = Kernel.CreateBuilder().Build();
                kernel.ImportPluginFromType<TravelPlugin>();
                kernel.ImportPluginFromPromptDirectory(promptsPath);
                return kernel;
            }

            Kernel Elsewhere()
            {
                var kernel = Kernel.CreateBuilder().Build();
                kernel.ImportPluginFromType<TravelPlugin>();
                kernel.ImportPluginFromPromptDirectory("SharedPrompts");
                return kernel;
            }

            Kernel OverCapAlone(string promptsPath)
            {
                var kernel = {|#0:Kernel.CreateBuilder().Build()|};
                kernel.ImportPluginFromType<BigPlugin>();
                kernel.ImportPluginFromPromptDirectory(promptsPath);
                return kernel;
            }
        }
        {{Plugin("TravelPlugin", 15)}}{{Plugin("BigPlugin", 21)}}
        """,
        Functions("Prompts", 6),
        OverCap(0, "at least 21"));

    // mhabibr02 root/Program.cs imports "Prompts" twice: Semantic Kernel refuses the second plugin of the same name, so
    // the kernel holds the folders once (9 + 6, quiet). The twins: a second directory, or the same directory under
    // another plugin name, add their functions (9 + 6 + 6 = 21).
    [Fact]
    public Task The_same_directory_imported_twice_under_one_name_counts_once() => VerifyAsync($$"""
        class Startup
        {
            Kernel Twice()
            {
                var kernel = Kernel.CreateBuilder().Build();
                kernel.ImportPluginFromType<TravelPlugin>();
                kernel.ImportPluginFromPromptDirectory("Prompts");
                var prompts = kernel.ImportPluginFromPromptDirectory("./Prompts");
                return kernel;
            }

            Kernel TwoDirectories()
            {
                var kernel = {|#0:Kernel.CreateBuilder().Build()|};
                kernel.ImportPluginFromType<TravelPlugin>();
                kernel.ImportPluginFromPromptDirectory("Prompts");
                kernel.ImportPluginFromPromptDirectory("MorePrompts");
                return kernel;
            }

            Kernel Renamed()
            {
                var kernel = {|#1:Kernel.CreateBuilder().Build()|};
                kernel.ImportPluginFromType<TravelPlugin>();
                kernel.ImportPluginFromPromptDirectory("Prompts");
                kernel.ImportPluginFromPromptDirectory("Prompts", "Copy");
                return kernel;
            }
        }
        {{Plugin("TravelPlugin", 9)}}
        """,
        Functions("Prompts", 6).Concat(Functions("MorePrompts", 6)).ToArray(),
        OverCap(0, "21"),
        OverCap(1, "21"));

    // Two directories of the project end with the path: the smaller is a lower bound (15 + 6 reported as "at least").
    [Fact]
    public Task A_path_two_directories_end_with_gives_the_smaller_as_a_lower_bound() => VerifyAsync($$"""
        class Startup
        {
            Kernel Build()
            {
                var kernel = {|#0:Kernel.CreateBuilder().Build()|};
                kernel.ImportPluginFromType<TravelPlugin>();
                kernel.ImportPluginFromPromptDirectory("Prompts");
                return kernel;
            }
        }
        {{Plugin("TravelPlugin", 15)}}
        """,
        Functions("Prompts", 6).Concat(Functions("Legacy/Prompts", 8)).ToArray(),
        OverCap(0, "at least 21"));
}
