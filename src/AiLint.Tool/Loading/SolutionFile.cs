using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AiLint.Tool.Loading;

/// <summary>
/// The project paths a solution lists. Read from the file itself (not from MSBuildWorkspace) so projects in other
/// languages can be named and skipped before the workspace tries, and fails, to load them.
/// </summary>
internal static partial class SolutionFile
{
    public static IReadOnlyList<string> ReadProjectPaths(string solutionPath)
    {
        var directory = Path.GetDirectoryName(solutionPath)!;
        var text = File.ReadAllText(solutionPath);
        IEnumerable<string> relative;
        if (solutionPath.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            XDocument document;
            try
            {
                document = XDocument.Parse(text);
            }
            catch (System.Xml.XmlException e)
            {
                throw new LoadException($"Solution '{solutionPath}' cannot be read: {e.Message}");
            }

            relative = document.Descendants("Project").Select(p => (string?)p.Attribute("Path")).OfType<string>();
        }
        else
        {
            // Project("{type guid}") = "Name", "relative\path.csproj", "{project guid}" — solution folders have no extension.
            relative = SlnProjectLine().Matches(text).Select(m => m.Groups["path"].Value).Where(p => Path.HasExtension(p));
        }

        return relative
            .Select(p => Path.GetFullPath(Path.Combine(directory, p.Replace('\\', Path.DirectorySeparatorChar))))
            .Distinct(ProjectLoader.PathComparer)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex("""^Project\("\{[^}]*\}"\)\s*=\s*"[^"]*"\s*,\s*"(?<path>[^"]*)"\s*,""", RegexOptions.Multiline)]
    private static partial Regex SlnProjectLine();
}
