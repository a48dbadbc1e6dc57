// Runs EPUBCheck on many EPUBs in one Java process: Java's start-up and
// EPUBCheck's schema loading cost about two seconds a run on a 2-core
// machine, paid once here instead of once per file.
//
//     java -cp epubcheck.jar:tests/tools EpubCheckBatch REPORT.json FILE.epub ...
//
// Arguments come in pairs: where to write the JSON report, then the EPUB.
// The exit status is the number of EPUBs EPUBCheck failed.
// Compiled with `javac --release 11 EpubCheckBatch.java` (the .class is
// kept beside this file, since a JRE has no compiler).
public class EpubCheckBatch {
    public static void main(String[] args) {
        int failed = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String[] one = {"--json", args[i], args[i + 1]};
            if (new com.adobe.epubcheck.tool.EpubChecker().run(one) != 0) {
                failed++;
            }
        }
        System.exit(failed);
    }
}
