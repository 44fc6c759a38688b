// Exercise folders and learners' file trees as the grader's CLI and tests read them from the local disk: the
// contract says what a folder holds, this module supplies the file system.
import fs from "node:fs/promises";
import * as folders from "./contract/exercise-folder";

export const readExerciseFolder = (dir: string) => folders.readExerciseFolder(fs, dir);
export const readFileTree = (dir: string) => folders.readFileTree(fs, dir);
