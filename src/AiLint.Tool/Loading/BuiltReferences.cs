using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace AiLint.Tool.Loading;

/// <summary>
/// Gives a loaded project's compilation the references the build gives it. MSBuildWorkspace hands a project the
/// compilations of the projects it references, whose symbols carry their source; the build hands it their assemblies.
/// The analyzers the tool runs tell the two apart (AIL0301 counts an agent factory of a referenced assembly, such as a
/// provider package's <c>AsAIAgent</c>, and follows a method declared in source to the slot it fills instead), so the
/// BOM would read the code differently from the build. Each referenced project is emitted once, metadata only (what a
/// reference assembly holds), and referenced as that image.
/// </summary>
internal sealed class BuiltReferences
{
    private readonly Dictionary<Compilation, MetadataReference?> images = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The compilation with each project reference replaced by its project's metadata image; a referenced project that
    /// cannot be emitted (it does not compile) stays a compilation reference, as before.
    /// </summary>
    public Compilation AsBuilt(Compilation compilation, CancellationToken cancellationToken = default)
    {
        if (!compilation.References.OfType<CompilationReference>().Any())
        {
            return compilation;
        }

        var references = compilation.References
            .Select(r => r is CompilationReference project ? Image(project, cancellationToken) ?? r : r)
            .ToList();
        return compilation.WithReferences(references);
    }

    private MetadataReference? Image(CompilationReference project, CancellationToken cancellationToken)
    {
        if (!images.TryGetValue(project.Compilation, out var image))
        {
            images[project.Compilation] = image = Emit(project, cancellationToken);
        }

        return image;
    }

    private static MetadataReference? Emit(CompilationReference project, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        var result = project.Compilation.Emit(stream, options: new EmitOptions(metadataOnly: true), cancellationToken: cancellationToken);
        if (!result.Success)
        {
            return null;
        }

        var name = (project.Compilation.AssemblyName ?? "project") + ".dll";
        return MetadataReference.CreateFromImage(stream.ToArray(), project.Properties, filePath: name);
    }
}
