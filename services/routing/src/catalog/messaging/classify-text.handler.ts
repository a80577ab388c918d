import { Injectable } from '@nestjs/common';
import { ClassifyText, type ClassifyTextReply, type ClassifyTextRequest } from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { CatalogRepository } from '../catalog.repository.js';
import { classifyByKeywords } from '../keyword-classifier.js';

/** Where nothing in the catalog matches, 311 staff triage the request. */
export const FALLBACK_SERVICE_CODE = 'general-inquiry';

/** Intake asks which service free text (an e-mail) is about; the matching lives with the catalog. */
@Injectable()
@OnRequest(ClassifyText)
export class ClassifyTextHandler implements RequestHandler<ClassifyTextRequest, ClassifyTextReply> {
  constructor(private readonly catalog: CatalogRepository) {}

  async handle(request: ClassifyTextRequest): Promise<ClassifyTextReply> {
    const services = await this.catalog.activeServices();
    const guess = classifyByKeywords(request.text, services);
    return guess
      ? { serviceCode: guess.serviceCode, matched: true, keywords: guess.keywords }
      : { serviceCode: FALLBACK_SERVICE_CODE, matched: false, keywords: [] };
  }
}
